package io.optimizarr.encoder.governor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The names the API and the metrics give the governor's causes, which dashboards depend on. */
class CauseTest {

  @Test
  void shouldTagPausesAsTheMetricsHaveAlwaysBeenTagged() {
    assertThat(
            Stream.concat(
                    Arrays.stream(Resource.values()), Arrays.stream(Cause.Circumstance.values()))
                .map(Cause::tag))
        .containsExactly(
            "cpu", "memory", "gpu", "cpu_temperature", "gpu_temperature", "monitor", "window");
  }

  @Test
  void shouldNameResourcesInJsonAsTheThresholdsViewDoes() {
    assertThat(Arrays.stream(Resource.values()).map(Resource::wireName))
        .containsExactly("cpu", "memory", "gpu", "cpuTemperature", "gpuTemperature");
  }

  @Test
  void shouldTellTheCauseOfAReasonWithoutReadingItsText() {
    assertThat(Reason.load(Resource.MEMORY, 88, 85, 10, true))
        .isEqualTo(new Reason(Resource.MEMORY, "memory 88% > 85% (other processes)"));
    assertThat(Reason.temperature(Resource.CPU_TEMPERATURE, 91, 90, 5).text())
        .isEqualTo("cpu temperature 91°C > 90°C");
    assertThat(Reason.monitorSilent(12).cause()).isEqualTo(Cause.Circumstance.MONITOR_SILENT);
  }
}
