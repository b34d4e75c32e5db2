package io.optimizarr.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.PackagedEncoder;
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
 * Two packaged encoder nodes on one database, each with a 5 s lease. A node killed with its ffmpeg
 * (as when its host dies) loses its job to the other within the lease and a few seconds, and the
 * job runs once more, there; started again, the first runs nothing twice. A node frozen past its
 * lease (SIGSTOP, its ffmpeg too) and then continued finds its claim superseded and ends its own
 * encode: the job completes once, on the other node, with one output.
 */
class NodeLossIT {

  private static final String DB = TestDatabase.NAME + "_nodes";
  private static final Duration LEASE = Duration.ofSeconds(5);

  @TempDir Path dir;
  private Path media;
  private PackagedEncoder first;
  private PackagedEncoder second;

  @BeforeEach
  void twoNodes() throws Exception {
    media = Files.createDirectories(dir.resolve("media"));
    Clips.clip(media, "film.mkv", 20);
    first = new PackagedEncoder(DB, media, dir.resolve("node-a.log"));
    second = PackagedEncoder.beside(first, dir.resolve("node-b.log"));
  }

  @AfterEach
  void stop() throws Exception {
    signal("CONT", first.pid());
    first.stop();
    second.stop();
  }

  private static Map<String, String> node(String name) {
    return Map.of("OPTIMIZARR_NODE_NAME", name, "OPTIMIZARR_NODE_LEASE", LEASE.toSeconds() + "s");
  }

  @Test
  void shouldGiveTheJobOfANodeKilledWithItsFfmpegToTheOtherAndRunItOnce() throws Exception {
    first.start(node("node-a"));
    first.withoutGovernor();
    int job = createJob(first, "taken.mkv");
    long ffmpeg = first.runningPid(job, "node-a");
    second.start(node("node-b"));

    long killed = System.nanoTime();
    first.kill();
    ProcessHandle.of(ffmpeg).ifPresent(ProcessHandle::destroyForcibly);
    await()
        .atMost(LEASE.plusSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> types(second, job).contains("REQUEUED"));
    double takenAfter = (System.nanoTime() - killed) / 1e9;
    JsonNode done = second.until(job, "COMPLETED", Duration.ofSeconds(300));
    double doneAfter = (System.nanoTime() - killed) / 1e9;
    System.out.printf(
        "node-loss: taken %.1f s after the kill (lease %d s), completed %.1f s after it%n",
        takenAfter, LEASE.toSeconds(), doneAfter);

    assertThat(done.get("node").asText()).isEqualTo("node-b");
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(messages(second, job))
        .anyMatch(m -> m.contains("node node-a was lost") && m.contains("taken by node node-b"));
    assertThat(ProcessHandle.of(ffmpeg)).isEmpty();

    first.start(node("node-a"));
    await().pollDelay(LEASE).atMost(LEASE.plusSeconds(1)).until(() -> true);
    assertThat(first.get("/api/jobs/" + job).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(types(first, job))
        .containsSubsequence("CLAIMED", "STARTED", "REQUEUED", "CLAIMED", "STARTED", "COMPLETED")
        .filteredOn("COMPLETED"::equals)
        .hasSize(1);
    assertThat(types(first, job)).filteredOn("STARTED"::equals).hasSize(2);
    assertOneCheckedOutput("taken.mkv");
  }

  @Test
  void shouldEndTheOwnEncodeOfANodeFrozenPastItsLeaseWhenItComesBack() throws Exception {
    first.start(node("node-a"));
    first.withoutGovernor();
    int job = createJob(first, "frozen.mkv");
    long ffmpeg = first.runningPid(job, "node-a");
    second.start(node("node-b"));

    signal("STOP", first.pid(), ffmpeg);
    await()
        .atMost(LEASE.plusSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                second.get("/api/jobs/" + job).path("node").asText().equals("node-b")
                    && types(second, job).stream().filter("STARTED"::equals).count() == 2);
    assertThat(second.get("/api/jobs/" + job).get("status").asText()).isEqualTo("PROCESSING");
    signal("CONT", first.pid(), ffmpeg);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !Files.exists(Path.of("/proc", Long.toString(ffmpeg))));
    first.awaitLog("this node ended its own encode", Duration.ofSeconds(30));
    JsonNode done = second.until(job, "COMPLETED", Duration.ofSeconds(300));

    assertThat(done.get("node").asText()).isEqualTo("node-b");
    assertThat(types(second, job))
        .doesNotContain("FAILED", "CANCELLED")
        .filteredOn("COMPLETED"::equals)
        .hasSize(1);
    assertThat(messages(second, job)).anyMatch(m -> m.contains("node node-a was lost"));
    assertOneCheckedOutput("frozen.mkv");
  }

  /** The output is there once, readable, and no encode left a work folder or temporary file. */
  private void assertOneCheckedOutput(String output) throws Exception {
    assertThat(
            new MediaProbe("ffprobe", Duration.ofSeconds(60))
                .probe(media.resolve(output))
                .videoCodec())
        .hasValue("hevc");
    try (Stream<Path> files = Files.list(media)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("film.mkv", output);
    }
    assertThat(MediaFiles.partials(media)).isEmpty();
  }

  private int createJob(PackagedEncoder node, String output) throws Exception {
    int profile =
        node.post("/api/profiles", Profiles.named("lease " + output).body()).get("id").asInt();
    return node.post(
            "/api/jobs",
            Map.of(
                "inputPath", media.resolve("film.mkv").toString(),
                "outputPath", media.resolve(output).toString(),
                "profileId", profile))
        .get("id")
        .asInt();
  }

  private static List<String> types(PackagedEncoder node, int job) throws Exception {
    var types = new ArrayList<String>();
    node.get("/api/jobs/" + job + "/events").forEach(e -> types.add(e.get("type").asText()));
    return types;
  }

  private static List<String> messages(PackagedEncoder node, int job) throws Exception {
    var messages = new ArrayList<String>();
    node.get("/api/jobs/" + job + "/events").forEach(e -> messages.add(e.get("message").asText()));
    return messages;
  }

  /** {@code kill -SIGNAL} to each pid, as a host's operator would. */
  private static void signal(String signal, long... pids) throws IOException, InterruptedException {
    var command = new ArrayList<String>(List.of("kill", "-" + signal));
    for (long pid : pids) {
      command.add(Long.toString(pid));
    }
    new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
  }
}
