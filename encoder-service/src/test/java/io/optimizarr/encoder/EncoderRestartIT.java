package io.optimizarr.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.PackagedEncoder;
import io.optimizarr.encoder.testing.Procs;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, started with {@code java -jar}, killed with SIGKILL or stopped with SIGTERM
 * in the middle of an encode, then started again: nothing is lost, nothing is left.
 */
class EncoderRestartIT {

  @TempDir Path dir;
  private Path media;
  private PackagedEncoder encoder;

  @BeforeEach
  void freshDatabaseAndMedia() throws Exception {
    media = Files.createDirectories(dir.resolve("media"));
    Clips.clip(media, "film.mkv", 20);
    encoder = new PackagedEncoder(TestDatabase.NAME + "_it", media, dir.resolve("encoder.log"));
  }

  @AfterEach
  void stop() throws InterruptedException {
    encoder.stop();
  }

  @Test
  void shouldRequeueAndFinishAJobWhoseServiceWasKilledLeavingNoFfmpeg() throws Exception {
    encoder.start(Map.of());
    encoder.withoutGovernor();
    int job = createJob("killed.mkv");
    long pid = runningPid(job);
    encoder.post("/api/jobs/" + job + "/pause", null);
    // SIGSTOP is sent before the answer; an idle-class encode on a busy machine takes it when the
    // kernel next runs it.
    await().atMost(Duration.ofSeconds(10)).until(() -> "T".equals(Procs.state(pid)));

    encoder.kill();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Files.exists(Path.of("/proc", Long.toString(pid))));

    encoder.start(Map.of());
    JsonNode done = encoder.until(job, "COMPLETED", Duration.ofSeconds(240));
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(events(job)).contains("REQUEUED", "COMPLETED");
    assertThat(partials()).isEmpty();
    assertThat(stoppedFfmpegs()).isEmpty();
  }

  @Test
  void shouldEndItsEncodesAndRequeueThemOnAGracefulStop() throws Exception {
    encoder.start(Map.of());
    encoder.withoutGovernor();
    int job = createJob("stopped.mkv");
    long pid = runningPid(job);

    assertThat(encoder.stopsWithin(Duration.ofSeconds(60))).isTrue();

    assertThat(Path.of("/proc", Long.toString(pid))).doesNotExist();
    assertThat(partials()).isEmpty();
    encoder.start(Map.of());
    JsonNode queued = encoder.get("/api/jobs/" + job);
    assertThat(queued.get("attempts").asInt()).isZero();
    assertThat(events(job)).contains("REQUEUED");
  }

  private int createJob(String output) throws Exception {
    int profileId =
        encoder.post("/api/profiles", Profiles.named("restart " + output).body()).get("id").asInt();
    return encoder
        .post(
            "/api/jobs",
            Map.of(
                "inputPath", media.resolve("film.mkv").toString(),
                "outputPath", media.resolve(output).toString(),
                "profileId", profileId))
        .get("id")
        .asInt();
  }

  private long runningPid(int job) throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                encoder.get("/api/jobs/" + job).path("pid").isNumber()
                    && encoder.get("/api/jobs/" + job).get("status").asText().equals("PROCESSING"));
    return encoder.get("/api/jobs/" + job).get("pid").asLong();
  }

  private List<String> events(int job) throws Exception {
    var types = new ArrayList<String>();
    encoder.get("/api/jobs/" + job + "/events").forEach(e -> types.add(e.get("type").asText()));
    return types;
  }

  private List<Path> partials() throws IOException {
    try (Stream<Path> files = Files.list(media)) {
      return files.filter(p -> MediaFiles.isPartial(p.getFileName().toString())).toList();
    }
  }

  /** ffmpeg processes in state T whose arguments name this test's media folder. */
  private List<Long> stoppedFfmpegs() throws IOException {
    return Procs.ffmpegsNaming(media).stream().filter(pid -> "T".equals(Procs.state(pid))).toList();
  }
}
