package io.optimizarr.encoder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Threads;
import io.optimizarr.proc.ProcFs;
import java.io.IOException;
import java.time.Duration;
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
        .until(() -> ProcFs.host().threads(ffmpeg.pid()).size() > 2);
  }

  @AfterEach
  void killIt() throws InterruptedException {
    control.resume(ffmpeg.pid());
    ffmpeg.destroyForcibly();
    ffmpeg.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldStopEveryThreadAndContinueThem() {
    control.stop(ffmpeg.pid());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Threads.of(ffmpeg.pid()).stream().allMatch(t -> t.state().equals("T")));

    control.resume(ffmpeg.pid());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Threads.of(ffmpeg.pid()).stream().noneMatch(t -> t.state().equals("T")));
    assertThat(ffmpeg.isAlive()).isTrue();
  }

  @Test
  void shouldReniceEveryThread() {
    control.nice(ffmpeg.pid(), 15);

    assertThat(Threads.of(ffmpeg.pid()))
        .hasSizeGreaterThan(2)
        .extracting(Threads.Task::nice)
        .containsOnly(15);
  }

  @Test
  void shouldPinEveryThread() {
    control.pin(ffmpeg.pid(), CpuAffinity.parse("0", Runtime.getRuntime().availableProcessors()));

    assertThat(Threads.of(ffmpeg.pid()))
        .hasSizeGreaterThan(2)
        .extracting(Threads.Task::cpusAllowed)
        .containsOnly("0");
  }

  @Test
  void shouldIgnoreAProcessThatHasExited() throws InterruptedException {
    ffmpeg.destroyForcibly();
    ffmpeg.waitFor(10, TimeUnit.SECONDS);

    control.nice(ffmpeg.pid(), 10);
    control.terminate(ffmpeg.pid());
    assertThat(ProcFs.host().threads(ffmpeg.pid())).isEmpty();
  }
}
