package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replace mode on real encodes: the original moved to the root's recycle folder, the new file in
 * its place with its times and mode (under the new extension where the container changes), restored
 * on request and refused with a 409 saying why when it cannot be; recycle days 0, the sweep, the
 * minimum saving, and what a job request in replace mode may not ask.
 */
@QuarkusTest
class ReplaceTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("replace-test");
  static final Path RECYCLE = TestDatabase.MEDIA.resolve(".optimizarr-recycle/replace-test");
  static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

  @BeforeEach
  void fresh() throws Exception {
    JobsFixture.cleanForEncodes(MEDIA);
    MediaFiles.deleteTree(RECYCLE);
  }

  /** A small x264 re-encode of the 4-s clip (always smaller than it) that replaces its input. */
  static int replacing(String name, int recycleDays) {
    return Profiles.named(name)
        .video("libx264", 35, "veryfast")
        .with("outputMode", "replace")
        .with("recycleDays", recycleDays)
        .create();
  }

  /** A copy of the 4-s clip at {@code name}, mode 0640 and modified long ago. */
  static Path original(String name) throws Exception {
    Path file = MEDIA.resolve(name);
    Files.copy(Clips.clip(MEDIA, "clip-4s.mkv", 4), file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Files.setLastModifiedTime(file, LONG_AGO);
    return file;
  }

  static int job(Path input, int profile) {
    return JobsFixture.job(Map.of("inputPath", input.toString(), "profileId", profile));
  }

  @Test
  void shouldReplaceAnAviWithAnMkvKeepingTheOriginalInTheRecycleFolder() throws Exception {
    Path avi = original("film.avi");
    String before = MediaFiles.sha256(avi);
    int id = job(avi, replacing("replace avi", 7));

    JsonPath done = until(id, "COMPLETED", Duration.ofSeconds(120));

    Path mkv = MEDIA.resolve("film.mkv");
    assertThat(avi).doesNotExist();
    assertThat(MediaFiles.sha256(RECYCLE.resolve("film.avi"))).isEqualTo(before);
    assertThat(new MediaProbe("ffprobe", Duration.ofSeconds(30)).probe(mkv).videoCodec())
        .hasValue("h264");
    assertThat(Files.getLastModifiedTime(mkv)).isEqualTo(LONG_AGO);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mkv)))
        .isEqualTo("rw-r-----");
    assertThat(done.getString("outputPath")).isEqualTo(mkv.toRealPath().toString());
    assertThat(done.getString("outputMode")).isEqualTo("replace");
    assertThat(done.getString("replaceStep")).isEqualTo("DONE");
    assertThat(done.getString("originalState")).isEqualTo("RECYCLED");
    assertThat(done.getBoolean("restorable")).isTrue();
    assertThat(Instant.parse(done.getString("recycleUntil")))
        .isCloseTo(Instant.now().plus(7, ChronoUnit.DAYS), within(Duration.ofMinutes(5)));
    assertThat(done.getString("statusReason")).isNull();
    assertThat(JobsFixture.events(id))
        .containsSubsequence("STARTED", "CHECKED", "REPLACING", "COMPLETED");
    // The profile leaves the thorough check unset: a job that replaces its input decodes it all.
    assertThat(
            asAdmin()
                .get("/api/jobs/" + id + "/events")
                .then()
                .extract()
                .jsonPath()
                .getList("findAll { it.type == 'CHECKED' }.message", String.class))
        .singleElement()
        .asString()
        .contains("decodes in full without an error");
    assertThat(MediaFiles.partials(MEDIA)).isEmpty();
  }

  @Test
  void shouldRestoreAnOriginalReplacedUnderItsOwnNameOnce() throws Exception {
    Path mkv = original("same.mkv");
    String before = MediaFiles.sha256(mkv);
    int id = job(mkv, replacing("replace same name", 7));
    until(id, "COMPLETED", Duration.ofSeconds(120));
    assertThat(MediaFiles.sha256(mkv)).isNotEqualTo(before);

    JsonPath restored = restore(id, 200);

    assertThat(MediaFiles.sha256(mkv)).isEqualTo(before);
    assertThat(RECYCLE.resolve("same.mkv")).doesNotExist();
    assertThat(restored.getString("originalState")).isEqualTo("RESTORED");
    assertThat(restored.getBoolean("restorable")).isFalse();
    assertThat(JobsFixture.events(id)).endsWith("RESTORED");
    assertThat(restore(id, 409).getString("detail")).contains("restored already");
  }

  @Test
  void shouldRestoreAnAviAndRemoveTheMkvThatTookItsPlace() throws Exception {
    Path avi = original("back.avi");
    String before = MediaFiles.sha256(avi);
    int id = job(avi, replacing("replace and restore avi", 7));
    until(id, "COMPLETED", Duration.ofSeconds(120));

    restore(id, 200);

    assertThat(MediaFiles.sha256(avi)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(avi)).isEqualTo(LONG_AGO);
    assertThat(MEDIA.resolve("back.mkv")).doesNotExist();
    assertThat(RECYCLE.resolve("back.avi")).doesNotExist();
  }

  @Test
  void shouldRefuseToRestoreOverANewFileThatChangedSince() throws Exception {
    Path mkv = original("edited.mkv");
    int id = job(mkv, replacing("replace then edit", 7));
    until(id, "COMPLETED", Duration.ofSeconds(120));
    Files.writeString(mkv, "edited by someone", java.nio.file.StandardOpenOption.APPEND);
    String edited = MediaFiles.sha256(mkv);

    assertThat(restore(id, 409).getString("detail")).contains("no longer the file job " + id);

    assertThat(MediaFiles.sha256(mkv)).isEqualTo(edited);
    assertThat(RECYCLE.resolve("edited.mkv")).exists();
    assertThat(JobsFixture.get(id).getBoolean("restorable")).isTrue();
    assertThat(JobsFixture.events(id)).endsWith("RESTORE_REFUSED");
  }

  @Test
  void shouldSayAnOriginalDeletedFromTheRecycleFolderIsGone() throws Exception {
    Path mkv = original("lost.mkv");
    int id = job(mkv, replacing("replace then lose", 7));
    until(id, "COMPLETED", Duration.ofSeconds(120));
    Files.delete(RECYCLE.resolve("lost.mkv"));

    assertThat(restore(id, 409).getString("detail")).contains("is gone");

    assertThat(JobsFixture.get(id).getString("originalState")).isEqualTo("GONE");
    assertThat(mkv).exists();
  }

  @Test
  void shouldDeleteTheOriginalAtOnceWithZeroRecycleDays() throws Exception {
    Path mkv = original("at-once.mkv");
    int id = job(mkv, replacing("replace, keep nothing", 0));

    JsonPath done = until(id, "COMPLETED", Duration.ofSeconds(120));

    assertThat(done.getString("originalState")).isEqualTo("DELETED");
    assertThat(done.getString("recycleUntil")).isNull();
    assertThat(RECYCLE.resolve("at-once.mkv")).doesNotExist();
    assertThat(mkv).exists();
    assertThat(restore(id, 409).getString("detail")).contains("recycleDays 0");
  }

  @Test
  void shouldSweepAnOriginalWhoseDaysAreUp() throws Exception {
    Path mkv = original("expired.mkv");
    int id = job(mkv, replacing("replace, then sweep", 7));
    until(id, "COMPLETED", Duration.ofSeconds(120));
    assertThat(RECYCLE.resolve("expired.mkv")).exists();

    TestDatabase.execute(
        "UPDATE encoding_job SET recycle_until = now() - interval '1 minute' WHERE id = " + id);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "SWEPT".equals(JobsFixture.get(id).getString("originalState")));
    assertThat(RECYCLE.resolve("expired.mkv")).doesNotExist();
    assertThat(JobsFixture.events(id)).endsWith("SWEPT");
    assertThat(restore(id, 409).getString("detail")).contains("swept");
  }

  @Test
  void shouldKeepTheOriginalWhenTheOutputSavesTooLittle() throws Exception {
    Path mkv = original("hardly.mkv");
    String before = MediaFiles.sha256(mkv);
    int profile =
        Profiles.named("replace unless 99% saved")
            .video("libx264", 35, "veryfast")
            .with("outputMode", "replace")
            .with("minSavingsPercent", 99)
            .create();
    int id = job(mkv, profile);

    JsonPath skipped = until(id, "SKIPPED", Duration.ofSeconds(120));

    assertThat(skipped.getString("statusReason"))
        .matches(
            "the output \\([0-9,]+ bytes\\) saves [0-9.]+% of the input \\([0-9,]+ bytes\\),"
                + " less than the profile's minimum of 99%");
    assertThat(MediaFiles.sha256(mkv)).isEqualTo(before);
    assertThat(RECYCLE.resolve("hardly.mkv")).doesNotExist();
    assertThat(MediaFiles.partials(MEDIA)).isEmpty();
  }

  @Test
  void shouldRefuseAnOutputPathOrOverwriteWithAReplaceProfile() throws Exception {
    Path avi = original("asked.avi");
    int profile = replacing("replace, asked wrongly", 7);

    post(Map.of("inputPath", avi.toString(), "outputPath", "x.mkv", "profileId", profile), 400)
        .body("errors.outputPath", containsString("leave outputPath out"));
    post(Map.of("inputPath", avi.toString(), "overwrite", true, "profileId", profile), 400)
        .body("errors.overwrite", containsString("never overwrites"));
    Files.writeString(MEDIA.resolve("asked.mkv"), "another file");
    post(Map.of("inputPath", avi.toString(), "profileId", profile), 409)
        .body("detail", containsString("is taken"));
  }

  @Test
  void shouldRefuseAnUnknownOutputModeNamingIt() {
    asAdmin()
        .contentType("application/json")
        .body(Profiles.named("bad mode").with("outputMode", "inplace").body())
        .post("/api/profiles")
        .then()
        .statusCode(400)
        .body("errors.outputMode", containsString("'inplace'"));
  }

  @Test
  void shouldRefuseToRestoreAJobThatReplacedNothing() throws Exception {
    Path mkv = original("beside.mkv");
    int beside = Profiles.named("beside").video("libx264", 35, "veryfast").create();
    int id = JobsFixture.job(mkv.toString(), "beside-out.mkv", beside);
    until(id, "COMPLETED", Duration.ofSeconds(120));

    assertThat(restore(id, 409).getString("detail")).contains("did not replace its input");
    asAdmin().post("/api/jobs/999999/restore").then().statusCode(404);
  }

  private static io.restassured.response.ValidatableResponse post(
      Map<String, Object> body, int status) {
    return asAdmin()
        .contentType("application/json")
        .body(body)
        .post("/api/jobs")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(status);
  }

  static JsonPath restore(int id, int status) {
    return asAdmin()
        .post("/api/jobs/" + id + "/restore")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration d) {
    return org.assertj.core.api.Assertions.within(d.toSeconds(), ChronoUnit.SECONDS);
  }
}
