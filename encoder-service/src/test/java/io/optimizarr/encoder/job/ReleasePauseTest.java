package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.eventMessages;
import static io.optimizarr.encoder.job.JobsFixture.get;
import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.runningPid;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Procs;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.ScriptedMonitor;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.WithScriptedMonitor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The governor's release pause (issue 19), end to end with a monitor whose figures the test sets:
 * other programs' memory over its threshold ends a segmented encode's ffmpeg at once (no ffmpeg of
 * the job is left, so its memory is free), the job waits PAUSED, and once memory is free again the
 * chunk it was in is encoded again and the job completes with every frame; with settings that
 * release on nothing, the same pause stops the ffmpeg instead.
 */
@QuarkusTest
@TestProfile(WithScriptedMonitor.class)
class ReleasePauseTest {

  static final Path media = TestDatabase.MEDIA.resolve("release-test");
  static final int SECONDS = 32;

  @BeforeEach
  void fresh() throws Exception {
    JobsFixture.cleanForEncodes(media);
    ScriptedMonitor.set(5, 30);
    TestDatabase.execute(
        "UPDATE resource_settings SET enable_throttling = TRUE, cpu_threshold = 90,"
            + " memory_threshold = 85, release_pause_on = 'memory,gpu,window'");
  }

  @AfterEach
  void restore() {
    ScriptedMonitor.set(5, 30);
    JobsFixture.cancelUnfinished();
    TestDatabase.execute(
        "UPDATE resource_settings SET enable_throttling = FALSE,"
            + " release_pause_on = 'memory,gpu,window'");
  }

  /** x265, slow enough for a pause to come while a chunk is being encoded. */
  private static int profile(String name) {
    return Profiles.named(name)
        .video("libx265", 28, "slow")
        .with(Map.of("segmentSeconds", 10, "segmentAboveSeconds", 0))
        .create();
  }

  @Test
  void shouldEndTheChunksFfmpegForMemoryAndEncodeThatChunkAgainOnResume() throws Exception {
    Path film = Clips.keyframed(media, SECONDS);
    int id = job(film.toString(), "out-released.mkv", profile("released for memory"));
    long pid = runningPid(id);

    ScriptedMonitor.set(5, 99);
    until(id, "PAUSED", Duration.ofSeconds(20));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Files.exists(Path.of("/proc", Long.toString(pid))));
    assertThat(Procs.ffmpegsNaming(film)).isEmpty();
    assertThat(eventMessages(id))
        .anyMatch(m -> m.startsWith("released: memory") && m.contains("encoded again on resume"));
    List<Integer> before = asAdmin().get("/api/jobs/" + id + "/chunks").path("index");

    ScriptedMonitor.set(5, 30);
    until(id, "COMPLETED", Duration.ofSeconds(240));

    assertThat(eventMessages(id)).contains("resumed: the machine is free again");
    assertThat(asAdmin().get("/api/jobs/" + id + "/chunks").path("index").toString())
        .isEqualTo("[0, 1, 2]");
    assertThat(before).hasSizeLessThan(3);
    Path output = Path.of(get(id).getString("outputPath"));
    assertThat(MediaFiles.pictures(output)).hasSize(SECONDS * 25);
  }

  @Test
  void shouldStopTheChunksFfmpegWhenTheSettingsReleaseOnNothing() throws Exception {
    asAdmin()
        .contentType("application/json")
        .body(
            asAdmin()
                .get("/api/settings/resources")
                .then()
                .extract()
                .jsonPath()
                .getMap("")
                .entrySet()
                .stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getKey().equals("releasePauseOn") ? List.of() : e.getValue())))
        .put("/api/settings/resources")
        .then()
        .statusCode(200);
    Path film = Clips.keyframed(media, SECONDS);
    int id = job(film.toString(), "out-stopped.mkv", profile("stopped for memory"));
    long pid = runningPid(id);

    ScriptedMonitor.set(5, 99);
    until(id, "PAUSED", Duration.ofSeconds(20));

    await().atMost(Duration.ofSeconds(10)).until(() -> "T".equals(Procs.state(pid)));
    assertThat(eventMessages(id)).anyMatch(m -> m.startsWith("paused: memory"));
    ScriptedMonitor.set(5, 30);
    until(id, "COMPLETED", Duration.ofSeconds(240));
  }
}
