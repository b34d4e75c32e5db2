package io.optimizarr.monitor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTicksTest {

  // Recorded from a 2-core Debian host, one second apart, one core busy.
  private static final String BEFORE =
      """
      cpu  5346 12 2211 981346 283 0 72 0 0 0
      cpu0 2650 7 1104 490744 139 0 38 0 0 0
      cpu1 2696 5 1107 490602 144 0 34 0 0 0
      intr 1203477 0 9 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      ctxt 2410941
      btime 1764152940
      processes 12034
      procs_running 2
      procs_blocked 0
      """;
  private static final String AFTER =
      """
      cpu  5448 12 2213 981444 283 0 72 0 0 0
      cpu0 2750 7 1105 490744 139 0 38 0 0 0
      cpu1 2698 5 1108 490700 144 0 34 0 0 0
      intr 1203977 0 9 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      ctxt 2411941
      """;

  @Test
  void shouldReadTheAggregateAndEveryCoreRow() {
    var ticks = CpuTicks.parse(BEFORE.lines().toList());

    assertThat(ticks.perCore()).hasSize(2);
    assertThat(ticks.total()[0]).isEqualTo(5346);
    assertThat(ticks.total()[3]).isEqualTo(981346);
  }

  @Test
  void shouldCountIdleAndIowaitAsNotBusy() {
    var before = CpuTicks.parse(BEFORE.lines().toList());
    var after = CpuTicks.parse(AFTER.lines().toList());

    // busy: 102 user + 2 system; all: 104 + 98 idle
    assertThat(after.usagePercentSince(before)).isCloseTo(100.0 * 104 / 202, within(1e-9));
    assertThat(after.perCorePercentSince(before))
        .satisfiesExactly(
            core0 -> assertThat(core0).isCloseTo(100.0, within(1e-9)),
            core1 -> assertThat(core1).isCloseTo(100.0 * 3 / 101, within(1e-9)));
  }

  @Test
  void shouldReportZeroWhenNoTimePassed() {
    var same = CpuTicks.parse(BEFORE.lines().toList());

    assertThat(same.usagePercentSince(same)).isZero();
  }

  @Test
  void shouldNeverGoNegativeWhenACounterGoesBackwards() {
    assertThat(CpuTicks.busyPercent(new long[] {10, 0, 0, 10}, new long[] {5, 0, 0, 20})).isZero();
  }
}
