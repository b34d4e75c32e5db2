package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.Metrics;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A completed job's sizes, the space saved over all jobs and one library folder, the counters. */
@QuarkusTest
class SpaceSavedTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("space-saved");

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @BeforeAll
  static void clean() throws Exception {
    JobsFixture.cleanForEncodes(MEDIA);
  }

  private double metric(String name) {
    return Metrics.value(metrics, name);
  }

  private static JsonPath stats(String query) {
    return asAdmin().get("/api/stats" + query).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void shouldRecordTheSizesOfACompletedJobAndAddThemUp() throws Exception {
    double filesBefore = metric("optimizarr_encoded_files_total");
    double savedBefore = metric("optimizarr_saved_bytes_total");
    Path input = Clips.clip(MEDIA, "clip-4s.mkv", 4);
    int small = profile("small x265", "libx265", 36, "ultrafast", "mkv");

    int id = job(input.toString(), "small.mkv", small);
    var done = until(id, "COMPLETED", Duration.ofSeconds(120));

    long inputBytes = Files.size(input);
    long outputBytes = Files.size(MEDIA.resolve("small.mkv"));
    assertThat(done.getLong("inputBytes")).isEqualTo(inputBytes);
    assertThat(done.getLong("outputBytes")).isEqualTo(outputBytes);
    assertThat(outputBytes).as("a clip made smaller").isLessThan(inputBytes);

    var all = stats("");
    assertThat(all.getLong("filesDone")).isEqualTo(1);
    assertThat(all.getLong("inputBytes")).isEqualTo(inputBytes);
    assertThat(all.getLong("outputBytes")).isEqualTo(outputBytes);
    assertThat(all.getLong("savedBytes")).isEqualTo(inputBytes - outputBytes);
    assertThat(all.getDouble("encodeHours")).isPositive();
    assertThat(all.getDouble("pausedHours")).isZero();
    assertThat(metric("optimizarr_encoded_files_total")).isEqualTo(filesBefore + 1);
    assertThat(metric("optimizarr_saved_bytes_total"))
        .isEqualTo(savedBefore + (inputBytes - outputBytes));

    TestDatabase.execute(
        "INSERT INTO library_folder (id, path, profile_id, extensions) VALUES"
            + " (901, '"
            + MEDIA
            + "', 1, '{mkv}'), (902, '"
            + MEDIA
            + "-other', 1, '{mkv}')");
    assertThat(stats("?folder=901").getLong("savedBytes")).isEqualTo(inputBytes - outputBytes);
    assertThat(stats("?folder=902").getLong("filesDone")).isZero();
    asAdmin().get("/api/stats?folder=999").then().statusCode(404);
  }
}
