package io.optimizarr.encoder.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessStat;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On a real busy loop, read back through /proc. */
class OwnUsageTest {

  private Process loop;

  /** A busy loop of one thread, behind these wrappers. */
  private static Process busyLoop(String... wrappers) throws IOException {
    var command = new ArrayList<>(List.of(wrappers));
    command.addAll(List.of("sh", "-c", "while :; do :; done"));
    return new ProcessBuilder(command).start();
  }

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.destroyForcibly();
    }
  }

  @Test
  void shouldMeasureTheCpuAndMemoryOfABusyProcessFromItsSecondCall() throws IOException {
    loop = busyLoop();
    List<Long> pids = List.of(loop.pid());
    var own = new OwnUsage();
    int cores = Runtime.getRuntime().availableProcessors();

    assertThat(own.measure(pids).cpuPercent()).as("no earlier reading").isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              OwnUsage.Figures figures = own.measure(pids);
              assertThat(figures.cpuPercent()).isGreaterThan(0.5 * 100.0 / cores);
              assertThat(figures.residentBytes()).isPositive();
            });
  }

  @Test
  void shouldMeasureABusyProcessPerPulseButNotAWindowInWhichTheEncodesChanged() throws IOException {
    loop = busyLoop("nice", "-n", "19");
    List<Long> pids = List.of(loop.pid());
    var own = new OwnCpu();
    int cores = Runtime.getRuntime().availableProcessors();

    assertThat(own.measure(List.of(), List.of())).as("the first call only starts").isEmpty();
    assertThat(own.measure(pids, List.of())).as("an encode started in the window").isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              OwnCpu.Reading reading = own.measure(pids, List.of()).orElseThrow();
              assertThat(reading.cpuPercent()).isGreaterThan(0.3 * 100.0 / cores);
              assertThat(reading.seconds()).isPositive();
            });
    var usage = new OwnUsage();
    usage.measure(pids);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              OwnUsage.Figures figures = usage.measure(pids);
              assertThat(figures.cpuPercent()).isPositive();
              assertThat(figures.batchCpuPercent())
                  .as("nice 19: batch work")
                  .isEqualTo(figures.cpuPercent());
            });
    assertThat(own.measure(List.of(), List.of())).as("the encode ended in the window").isEmpty();
  }

  /**
   * This service and its helpers are ours too: a helper that starts in a window counts in whole,
   * one that ends counts no more, and neither leaves the window unjudged as an encode's start does.
   */
  @Test
  void shouldCountAHelperAsOursWithoutLeavingAWindowUnjudged() throws Exception {
    loop = busyLoop();
    List<Long> encodes = List.of(loop.pid());
    var own = new OwnCpu();
    int cores = Runtime.getRuntime().availableProcessors();
    own.measure(encodes, List.of());
    Process helper = busyLoop();
    try {
      // Both loops run a while (a third of a second of the helper's CPU) before the reading.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  ProcFs.host().stat(helper.pid()).map(ProcessStat::cpuTicks).orElse(0L)
                      >= ProcFs.TICKS_PER_SECOND / 3);
      OwnCpu.Reading both = own.measure(encodes, List.of(helper.pid())).orElseThrow();
      assertThat(both.cpuPercent()).as("two busy loops").isGreaterThan(1.2 * 100.0 / cores);
    } finally {
      helper.destroyForcibly();
      helper.waitFor();
    }
    assertThat(own.measure(encodes, List.of())).as("the helper ended in the window").isPresent();
  }

  @Test
  void shouldLeaveOutAProcessThatIsGone() {
    var figures = new OwnUsage().measure(List.of(Long.valueOf(Integer.MAX_VALUE)));

    assertThat(figures.cpuPercent()).isZero();
    assertThat(figures.residentBytes()).isZero();
  }
}
