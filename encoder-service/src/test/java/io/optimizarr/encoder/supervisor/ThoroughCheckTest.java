package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.process.EncodeCgroup;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.queue.Claim;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.Settings;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thorough check decodes a whole output with real ffmpeg and names what does not decode. */
class ThoroughCheckTest {

  @TempDir Path dir;

  private final ThoroughCheck check = new ThoroughCheck("ffmpeg");

  /** A job's encode at nice 15 on core 0, as the supervisor holds it. */
  private final RunningEncode running = atNice15OnCore0();

  private static RunningEncode atNice15OnCore0() {
    var encode =
        new RunningEncode(
            new Claim(16, 1L),
            new ProcessControl(),
            EncodeCgroup.NONE,
            Settings.of(PriorityMode.NICE, 10, "", false));
    encode.configure(15, "0", new RunningEncode.Throttling(false, null, null, null, false));
    return encode;
  }

  @Test
  void shouldPassAnOutputThatDecodes() throws Exception {
    Path clip = Clips.clip(dir, "clip-2s.mkv", 2);

    assertThat(check.problem(clip, running, Duration.ofSeconds(60))).isEmpty();
  }

  @Test
  void shouldFailAnOutputWithCorruptedVideo() throws Exception {
    Path clip = Clips.clip(dir, "clip-2s.mkv", 2);
    Path corrupted = Files.copy(clip, dir.resolve("corrupted.mkv"));
    // Garbage over the middle of the file, where the frames are; the headers stay readable.
    try (var file = new RandomAccessFile(corrupted.toFile(), "rw")) {
      byte[] garbage = new byte[(int) (file.length() / 4)];
      new Random(16).nextBytes(garbage);
      file.seek(file.length() / 3);
      file.write(garbage);
    }

    assertThat(check.problem(corrupted, running, Duration.ofSeconds(60)))
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("the thorough check found decode errors"));
  }

  @Test
  void shouldFailAnOutputCutShort() throws Exception {
    Path clip = Clips.clip(dir, "clip-2s.mkv", 2);
    Path truncated = dir.resolve("truncated.mkv");
    byte[] bytes = Files.readAllBytes(clip);
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2 + 1001));

    assertThat(check.problem(truncated, running, Duration.ofSeconds(60))).isPresent();
  }

  @Test
  void shouldDecodeAsTheJobsProcessSoItCanBePausedAndCancelled() throws Exception {
    Path clip = Clips.clip(dir, "clip-20s.mkv", 20);
    var result =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return check.problem(clip, running, Duration.ofSeconds(60));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> running.pid() != null && running.pause(false));
    assertThat(running.isPaused()).isTrue();
    assertThat(running.resume(false)).isGreaterThanOrEqualTo(0);

    running.cancel();

    assertThat(result.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(running.cancelRequested()).isTrue();
  }
}
