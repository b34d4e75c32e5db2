package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.eventMessages;
import static io.optimizarr.encoder.job.JobsFixture.events;
import static io.optimizarr.encoder.job.JobsFixture.get;
import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cancel that arrives while the job's input is probed (an ffprobe that takes five minutes, as on
 * a stalled network share) ends the job CANCELLED at once, the probe stopped, ffmpeg never started.
 */
@QuarkusTest
@TestProfile(CancelBeforeStartTest.SlowProbe.class)
class CancelBeforeStartTest {

  /** ffprobe behind {@code perl}, which waits 300 s and then becomes ffprobe: one process. */
  public static class SlowProbe implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path script = Files.createTempFile("slow-ffprobe", ".sh");
        Files.writeString(
            script,
            "#!/bin/sh\nexec perl -e 'sleep 300; exec @ARGV' ffprobe \"$@\"\n",
            StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        script.toFile().deleteOnExit();
        return Map.of(
            "optimizarr.ffprobe", script.toString(), "optimizarr.ffprobe-timeout", "600s");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Path media = TestDatabase.MEDIA.resolve("cancel-before-start");

  @BeforeAll
  static void clean() throws IOException {
    JobsFixture.cleanForEncodes(media);
  }

  @Test
  void shouldCancelAJobWhileItsInputIsProbedWithoutEverStartingFfmpeg() throws Exception {
    Path input = Clips.clip(media, "clip-4s.mkv", 4);
    int id = job(input.toString(), "never.mkv", 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !probesOf(input).isEmpty());
    List<Long> probes = probesOf(input);
    assertThat(get(id).getString("status")).isEqualTo("PROCESSING");

    long asked = System.nanoTime();
    asAdmin()
        .post("/api/jobs/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));
    Duration took = Duration.ofNanos(System.nanoTime() - asked);

    assertThat(took)
        .as("the cancel does not wait for the probe")
        .isLessThan(Duration.ofSeconds(60));
    assertThat(events(id)).containsExactly("QUEUED", "CLAIMED", "CANCELLED");
    assertThat(eventMessages(id))
        .last()
        .asString()
        .contains("while its input was probed", "ffmpeg was not started");
    assertThat((Object) get(id).get("pid")).isNull();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> probes.stream().noneMatch(pid -> Files.exists(Path.of("/proc/" + pid))));
    assertThat(ffmpegsWriting(media)).isEmpty();
    assertThat(MediaFiles.partials(media)).isEmpty();
    assertThat(media.resolve("never.mkv")).doesNotExist();
  }

  /** The processes whose command line names the probe's wrapper and {@code input}. */
  private static List<Long> probesOf(Path input) throws IOException {
    return processes(cmd -> cmd.contains("sleep 300") && cmd.contains(input.toString()));
  }

  private static List<Long> ffmpegsWriting(Path folder) throws IOException {
    return processes(cmd -> cmd.startsWith("ffmpeg") && cmd.contains(folder.toString()));
  }

  private static List<Long> processes(java.util.function.Predicate<String> matching)
      throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> matching.test(commandLine(p)))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .toList();
    }
  }

  private static String commandLine(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }
}
