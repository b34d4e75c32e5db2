package io.optimizarr.encoder.library;

import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.MovableClock;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.WithMovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watched library folders, on real files and the kernel's file-system events, with the node's clock
 * moved by the test: a file copied in slowly is left alone while it changes and queued once it has
 * been still for the settle time; a folder is scanned again after its interval with no event at
 * all.
 */
@QuarkusTest
@TestProfile(WithMovableClock.class)
class LibraryWatchTest {

  static final Path WATCHED = TestDatabase.MEDIA.resolve("watched");

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    // Nothing is encoded here: what the scans queue is what is looked at.
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    MovableClock.set(Instant.now());
    MediaFiles.deleteTree(WATCHED);
    Files.createDirectories(WATCHED.resolve("Show"));
  }

  @AfterEach
  void restoreQueue() {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
  }

  private static int add(int rescanMinutes) {
    int profile = profile("watched " + System.nanoTime(), "libx265", 28, "medium", "mkv");
    int id =
        asAdmin()
            .contentType("application/json")
            .body(
                Map.of(
                    "path",
                    WATCHED.toString(),
                    "profileId",
                    profile,
                    "rescanMinutes",
                    rescanMinutes,
                    "settleSeconds",
                    60))
            .post("/api/library")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    done(id);
    return id;
  }

  private static JsonPath done(int id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !"SCANNING".equals(folder(id).getString("scanState")));
    return folder(id);
  }

  private static JsonPath folder(int id) {
    return asAdmin().get("/api/library/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static long jobsFor(Path input) throws Exception {
    return TestDatabase.count(
        "SELECT count(*) FROM encoding_job WHERE input_path = '" + input.toRealPath() + "'");
  }

  /** Waits until the node watches the folder: a touched file there asks for a scan. */
  private static void awaitWatched(int id) throws Exception {
    Path probe = WATCHED.resolve("probe.txt");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              Files.writeString(probe, Long.toString(System.nanoTime()));
              return TestDatabase.count(
                      "SELECT count(*) FROM library_folder WHERE id = "
                          + id
                          + " AND rescan_at IS NOT NULL")
                  == 1;
            });
    TestDatabase.execute("UPDATE library_folder SET rescan_at = NULL WHERE id = " + id);
  }

  @Test
  void shouldQueueAFileCopiedInSlowlyOnlyOnceItHasSettled() throws Exception {
    int id = add(60);
    awaitWatched(id);
    byte[] clip =
        Files.readAllBytes(Clips.clip(TestDatabase.MEDIA.resolve("watch-clips"), "clip-2s.mkv", 2));
    // A season folder made after the watch began, and an episode copied into it a quarter at a
    // time.
    Path episode = WATCHED.resolve("Show/Season 02/e01.mkv");
    Files.createDirectories(episode.getParent());
    try (OutputStream out = Files.newOutputStream(episode)) {
      int quarter = clip.length / 4;
      out.write(clip, 0, quarter);
      out.flush();
      asAdmin().post("/api/library/" + id + "/scan").then().statusCode(202);
      JsonPath midCopy = done(id);
      assertThat(midCopy.getMap("skipReasons")).containsEntry(ScanCounts.UNSETTLED, 1);
      for (int from = quarter; from < clip.length; from += quarter) {
        Thread.sleep(300);
        out.write(clip, from, Math.min(quarter, clip.length - from));
        out.flush();
      }
    }
    assertThat(jobsFor(episode)).isZero();

    // The copy done: a scan is wanted once it has been still for 60 s, not before.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                TestDatabase.count(
                        "SELECT count(*) FROM library_folder WHERE id = "
                            + id
                            + " AND rescan_at IS NOT NULL")
                    == 1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(4))
        .until(() -> jobsFor(episode) == 0);

    MovableClock.advance(Duration.ofSeconds(61));
    await().atMost(Duration.ofSeconds(15)).until(() -> jobsFor(episode) == 1);
    JsonPath scan = done(id);
    assertThat(scan.getInt("filesQueued")).isEqualTo(1);
    assertThat(scan.getMap("skipReasons")).doesNotContainKey(ScanCounts.UNSETTLED);
  }

  @Test
  void shouldScanAgainAfterItsIntervalWithoutAnEvent() throws Exception {
    int id = add(5);
    String first = folder(id).getString("scanStartedAt");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(4))
        .until(() -> first.equals(folder(id).getString("scanStartedAt")));

    MovableClock.advance(Duration.ofMinutes(6));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !first.equals(folder(id).getString("scanStartedAt")));
    assertThat(done(id).getString("scanState")).isEqualTo("DONE");
  }
}
