package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.process.CpuAffinity;
import io.optimizarr.encoder.testing.Clips;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thorough check decodes a whole output with real ffmpeg and names what does not decode. */
class ThoroughCheckTest {

  @TempDir Path dir;

  private final ThoroughCheck check = new ThoroughCheck("ffmpeg");
  private final Priority priority =
      new Priority(15, CpuAffinity.parse("0", Runtime.getRuntime().availableProcessors()));

  @Test
  void shouldPassAnOutputThatDecodes() throws Exception {
    Path clip = Clips.clip(dir, "clip-2s.mkv", 2);

    assertThat(check.problem(clip, priority, Duration.ofSeconds(60))).isEmpty();
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

    assertThat(check.problem(corrupted, priority, Duration.ofSeconds(60)))
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("the thorough check found decode errors"));
  }

  @Test
  void shouldFailAnOutputCutShort() throws Exception {
    Path clip = Clips.clip(dir, "clip-2s.mkv", 2);
    Path truncated = dir.resolve("truncated.mkv");
    byte[] bytes = Files.readAllBytes(clip);
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2 + 1001));

    assertThat(check.problem(truncated, priority, Duration.ofSeconds(60))).isPresent();
  }
}
