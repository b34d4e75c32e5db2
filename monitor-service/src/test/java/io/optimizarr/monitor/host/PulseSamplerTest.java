package io.optimizarr.monitor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.optimizarr.model.CpuPulse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PulseSamplerTest {

  private static final String STAT_HEAD =
      """
      cpu  2255 34 2290 22625563 6290 127 456 0 0 0
      cpu0 1132 34 1441 11311718 3675 127 438 0 0 0
      cpu1 1123 0 849 11313845 2614 0 18 0 0 0
      intr 114930548 113199788 3 0 5 263 0 4 [… a long line of counters …]
      """;

  private static final String PRESSURE =
      """
      some avg10=0.22 avg60=0.18 avg300=0.52 total=8602766
      full avg10=0.00 avg60=0.00 avg300=0.00 total=0
      """;

  @TempDir Path proc;

  @Test
  void shouldReadTheWholeMachineRowAndTheSomeStallTotal() {
    assertThat(PulseSampler.parseCpuRow(STAT_HEAD))
        .containsExactly(2255, 34, 2290, 22625563, 6290, 127, 456, 0);
    assertThat(PulseSampler.parseSomeTotal(PRESSURE)).isEqualTo(8602766L);
    assertThatThrownBy(() -> PulseSampler.parseSomeTotal("full total=0\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveTheBusyShareSinceTheLastPulseAndNoStallWithoutPressureFigures()
      throws IOException {
    Files.writeString(proc.resolve("stat"), "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 1 1 1\n");
    var sampler = new PulseSampler(proc);

    Files.writeString(proc.resolve("stat"), "cpu  160 0 115 825 0 0 0 0 0 0\ncpu0 1 1 1 1\n");
    CpuPulse first = sampler.sample();
    Files.writeString(proc.resolve("stat"), "cpu  160 0 115 925 0 0 0 0 0 0\ncpu0 1 1 1 1\n");
    CpuPulse second = sampler.sample();

    assertThat(first.usagePercent()).as("75 busy ticks of 100").isEqualTo(75.0);
    assertThat(first.stalledPercent()).isNull();
    assertThat(first.intervalSeconds()).isPositive();
    assertThat(second.usagePercent()).isZero();
    assertThat(second.seq()).isEqualTo(first.seq() + 1);
  }

  @Test
  void shouldReadTheRealHost() {
    var sampler = new PulseSampler(Path.of("/proc"));

    CpuPulse pulse = sampler.sample();

    assertThat(pulse.usagePercent()).isBetween(0.0, 100.0);
    assertThat(pulse.stalledPercent()).as("this kernel has PSI").isBetween(0.0, 100.0);
  }
}
