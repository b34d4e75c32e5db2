package io.optimizarr.encoder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Threads;
import io.optimizarr.proc.ProcFs;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a real multi-threaded ffmpeg, read back through /proc; a process that has exited and a pid
 * that names another process now are never signalled.
 */
class ProcessControlTest {

  private final ProcessControl control = new ProcessControl();
  private Process ffmpeg;
  private OwnProcess own;

  @BeforeEach
  void startAnEndlessEncode() throws IOException {
    ffmpeg =
        new ProcessBuilder(
                Stream.concat(Stream.of("ffmpeg"), Threads.ENDLESS_ENCODE.stream()).toList())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcFs.host().threads(ffmpeg.pid()).size() > 2);
    own = OwnProcess.at(ffmpeg.pid()).orElseThrow();
  }

  @AfterEach
  void killIt() throws InterruptedException {
    control.resume(own);
    ffmpeg.destroyForcibly();
    ffmpeg.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldStopEveryThreadAndContinueThem() {
    assertThat(control.stop(own)).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Threads.of(ffmpeg.pid()).stream().allMatch(t -> t.state().equals("T")));

    control.resume(own);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Threads.of(ffmpeg.pid()).stream().noneMatch(t -> t.state().equals("T")));
    assertThat(ffmpeg.isAlive()).isTrue();
  }

  @Test
  void shouldReniceEveryThread() {
    assertThat(control.schedule(own, Scheduling.nice(15))).isEmpty();

    assertThat(Threads.of(ffmpeg.pid()))
        .hasSizeGreaterThan(2)
        .extracting(Threads.Task::nice)
        .containsOnly(15);
  }

  @Test
  void shouldPutEveryThreadInTheIdleClassAndBack() {
    assertThat(control.schedule(own, Scheduling.idle())).isEmpty();

    assertThat(Threads.of(ffmpeg.pid()))
        .hasSizeGreaterThan(2)
        .allSatisfy(
            t -> {
              assertThat(t.policy()).as("SCHED_IDLE").isEqualTo(5);
              assertThat(t.nice()).isEqualTo(19);
              assertThat(t.io()).isEqualTo("idle");
            });

    assertThat(control.schedule(own, Scheduling.nice(10))).isEmpty();

    assertThat(Threads.of(ffmpeg.pid()))
        .allSatisfy(
            t -> {
              assertThat(t.policy()).as("SCHED_OTHER").isZero();
              assertThat(t.nice()).isEqualTo(10);
              assertThat(t.io()).startsWith("none");
            });
  }

  @Test
  void shouldPinEveryThread() {
    control.pin(own, CpuAffinity.parse("0", Runtime.getRuntime().availableProcessors()));

    assertThat(Threads.of(ffmpeg.pid()))
        .hasSizeGreaterThan(2)
        .extracting(Threads.Task::cpusAllowed)
        .containsOnly("0");
  }

  @Test
  void shouldIgnoreAProcessThatHasExited() throws InterruptedException {
    ffmpeg.destroyForcibly();
    ffmpeg.waitFor(10, TimeUnit.SECONDS);

    assertThat(control.schedule(own, Scheduling.nice(10))).isEmpty();
    assertThat(control.terminate(own)).isFalse();
    assertThat(own.isAlive()).isFalse();
    assertThat(ProcFs.host().threads(ffmpeg.pid())).isEmpty();
  }

  @Test
  void shouldNeverSignalAProcessThatHasExited() throws Exception {
    Process brief = new ProcessBuilder("sleep", "0.2").start();
    OwnProcess recorded = OwnProcess.at(brief.pid()).orElseThrow();
    await().atMost(Duration.ofSeconds(10)).until(() -> !recorded.isAlive());

    assertThat(control.stop(recorded)).isFalse();
    assertThat(control.kill(recorded)).isFalse();
    assertThat(brief.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(brief.exitValue()).as("ended by itself, not by a signal").isZero();
  }

  @Test
  void shouldNotSignalAnotherProcessThatHasThePidNow() {
    // What was recorded of an earlier process that had this pid: the same pid, an earlier start.
    var earlier = new OwnProcess(ffmpeg.pid(), own.startTicks() - 1);

    assertThat(control.stop(earlier)).isFalse();
    control.schedule(earlier, Scheduling.idle());
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> Threads.of(ffmpeg.pid()).stream().noneMatch(t -> t.state().equals("T")));
    assertThat(Threads.of(ffmpeg.pid())).extracting(Threads.Task::nice).doesNotContain(19);
    assertThat(Threads.of(ffmpeg.pid())).extracting(Threads.Task::policy).doesNotContain(5);
    assertThat(ffmpeg.isAlive()).isTrue();
  }
}
