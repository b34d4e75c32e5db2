package io.optimizarr.encoder.library;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.job.JobsFixture;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A library folder in replace mode (overriding a beside profile): its files are replaced in place,
 * one under its own name and one under the new extension, and scanning it again queues neither the
 * replaced files nor an original a restore put back.
 */
@QuarkusTest
class ReplaceScanTest {

  static final Path LIBRARY = TestDatabase.MEDIA.resolve("replace-library");

  @BeforeEach
  void fresh() throws Exception {
    JobsFixture.cleanForEncodes(LIBRARY);
    MediaFiles.deleteTree(TestDatabase.MEDIA.resolve(".optimizarr-recycle/replace-library"));
    Path clip = Clips.clip(TestDatabase.MEDIA.resolve("library-clips"), "clip-2s.mkv", 2);
    Files.copy(clip, LIBRARY.resolve("show.mkv"));
    Files.copy(clip, LIBRARY.resolve("film.avi"));
    MediaFiles.ageTree(LIBRARY);
  }

  @Test
  void shouldNeverQueueAFileItReplacedOrRestored() throws Exception {
    int beside =
        Profiles.named("beside, replaced by the folder").video("libx264", 35, "veryfast").create();
    int folder =
        asAdmin()
            .contentType("application/json")
            .body(
                Map.of(
                    "path",
                    LIBRARY.toString(),
                    "profileId",
                    beside,
                    "extensions",
                    List.of("mkv", "avi"),
                    "outputMode",
                    "replace"))
            .post("/api/library")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(scanned(folder).getInt("filesQueued")).isEqualTo(2);
    List<Integer> jobs = jobIds();
    for (int id : jobs) {
      JobsFixture.until(id, "COMPLETED", Duration.ofSeconds(120));
    }
    String root = LIBRARY.toRealPath().toString();
    assertThat(LIBRARY.resolve("film.avi")).doesNotExist();
    assertThat(LIBRARY.resolve("film.mkv")).exists();

    var again = rescan(folder);
    assertThat(again.getInt("filesQueued")).isZero();
    assertThat(again.getInt("filesSeen")).isEqualTo(2);
    assertThat(again.getMap("skipReasons")).containsEntry("a job has it already", 2);

    int filmJob =
        jobs.stream()
            .filter(id -> JobsFixture.get(id).getString("inputPath").equals(root + "/film.avi"))
            .findFirst()
            .orElseThrow();
    asAdmin().post("/api/jobs/" + filmJob + "/restore").then().statusCode(200);
    assertThat(LIBRARY.resolve("film.avi")).exists();
    assertThat(LIBRARY.resolve("film.mkv")).doesNotExist();

    var afterRestore = rescan(folder);
    assertThat(afterRestore.getInt("filesQueued")).isZero();
    assertThat(afterRestore.getMap("skipReasons")).containsEntry("a job has it already", 2);
    assertThat(jobIds()).hasSize(2);
  }

  @Test
  void shouldRefuseAnUnknownFolderOutputModeNamingIt() {
    int beside =
        Profiles.named("beside for a bad folder").video("libx264", 35, "veryfast").create();
    asAdmin()
        .contentType("application/json")
        .body(Map.of("path", LIBRARY.toString(), "profileId", beside, "outputMode", "swap"))
        .post("/api/library")
        .then()
        .statusCode(400)
        .body("errors.outputMode", org.hamcrest.Matchers.containsString("'swap'"));
  }

  private static List<Integer> jobIds() {
    return asAdmin().get("/api/jobs?size=200").then().extract().path("items.id");
  }

  private static JsonPath rescan(int folder) {
    asAdmin().post("/api/library/" + folder + "/scan").then().statusCode(202);
    return scanned(folder);
  }

  private static JsonPath scanned(int folder) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                !"SCANNING"
                    .equals(
                        asAdmin()
                            .get("/api/library/" + folder)
                            .then()
                            .extract()
                            .path("scanState")));
    return asAdmin().get("/api/library/" + folder).then().statusCode(200).extract().jsonPath();
  }
}
