package io.optimizarr.encoder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a real multi-threaded ffmpeg, read back through /proc. */
class ProcessControlTest {

  private final ProcessControl control = new ProcessControl();
  private Process ffmpeg;

  @BeforeEach
  void startAnEndlessEncode() throws IOException {
    ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-nostdin",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=320x240:rate=30",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-threads",
                "4",
                "-f",
                "null",
                "-")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessControl.threads(ffmpeg.pid()).size() > 2);
  }

  @AfterEach
  void killIt() throws InterruptedException {
    control.resume(ffmpeg.pid());
    ffmpeg.destroyForcibly();
    ffmpeg.waitFor(10, TimeUnit.SECONDS);
  }

  private List<String> perThread(String file, java.util.function.Function<String, String> field) {
    return ProcessControl.threads(ffmpeg.pid()).stream()
        .map(
            tid -> {
              try {
                return field.apply(
                    Files.readString(
                        Path.of(
                            "/proc", Long.toString(ffmpeg.pid()), "task", tid.toString(), file)));
              } catch (IOException e) {
                return "gone";
              }
            })
        .filter(v -> !v.equals("gone"))
        .toList();
  }

  private static String statField(String stat, int field) {
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return after[field - 3];
  }

  private static String statusLine(String status, String key) {
    return status
        .lines()
        .filter(l -> l.startsWith(key + ":"))
        .findFirst()
        .orElseThrow()
        .substring(key.length() + 1)
        .trim();
  }

  @Test
  void shouldStopEveryThreadAndContinueThem() {
    control.stop(ffmpeg.pid());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> perThread("stat", s -> statField(s, 3)).stream().allMatch("T"::equals));

    control.resume(ffmpeg.pid());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> perThread("stat", s -> statField(s, 3)).stream().noneMatch("T"::equals));
    assertThat(ffmpeg.isAlive()).isTrue();
  }

  @Test
  void shouldReniceEveryThread() {
    control.nice(ffmpeg.pid(), 15);

    assertThat(perThread("stat", s -> statField(s, 19))).hasSizeGreaterThan(2).containsOnly("15");
  }

  @Test
  void shouldPinEveryThread() {
    control.pin(ffmpeg.pid(), CpuAffinity.parse("0", Runtime.getRuntime().availableProcessors()));

    assertThat(perThread("status", s -> statusLine(s, "Cpus_allowed_list")))
        .hasSizeGreaterThan(2)
        .containsOnly("0");
  }

  @Test
  void shouldIgnoreAProcessThatHasExited() throws InterruptedException {
    ffmpeg.destroyForcibly();
    ffmpeg.waitFor(10, TimeUnit.SECONDS);

    control.nice(ffmpeg.pid(), 10);
    control.terminate(ffmpeg.pid());
    assertThat(ProcessControl.threads(ffmpeg.pid())).isEmpty();
  }
}
