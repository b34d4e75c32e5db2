package io.optimizarr.monitor.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.model.GpuUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Intel probe over sysfs trees laid out as the i915 and xe drivers lay them, with recorded
 * values, on a clock the test moves: busy from the idle residency's rise, power from the energy
 * counter's, the clock as the driver says it.
 */
class IntelSysfsGpuProbeTest {

  @TempDir Path drm;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  // Recorded from an Alder Lake iGPU (i915, kernel 6.1): UHD Graphics, 0x46a6.
  private void alderLake(String card, long rc6Ms, int mhz) throws IOException {
    Path c = drm.resolve(card);
    write(c.resolve("device/vendor"), "0x8086\n");
    write(c.resolve("device/device"), "0x46a6\n");
    write(c.resolve("gt_act_freq_mhz"), mhz + "\n");
    write(c.resolve("gt_cur_freq_mhz"), "1400\n");
    write(c.resolve("power/rc6_residency_ms"), rc6Ms + "\n");
  }

  // Recorded from an Arc A380 (xe, kernel 6.8): 0x56a5, with its hwmon.
  private void arc(String card, long idleMs, long energyMicroJoules) throws IOException {
    Path c = drm.resolve(card);
    write(c.resolve("device/vendor"), "0x8086\n");
    write(c.resolve("device/device"), "0x56a5\n");
    write(c.resolve("device/tile0/gt0/freq0/act_freq"), "2000\n");
    write(c.resolve("device/tile0/gt0/gtidle/idle_residency_ms"), idleMs + "\n");
    write(c.resolve("device/hwmon/hwmon4/temp1_input"), "47000\n");
    write(c.resolve("device/hwmon/hwmon4/energy1_input"), energyMicroJoules + "\n");
  }

  @Test
  void shouldMeasureAnIntegratedGpusBusyShareFromItsIdleResidency() throws IOException {
    alderLake("card0", 52_000, 300);
    Files.createDirectories(drm.resolve("card0-HDMI-A-1"));
    var probe = IntelSysfsGpuProbe.find(drm, nanos::get).orElseThrow();

    GpuUsage first = probe.sample().get(0);
    assertThat(first.vendor()).isEqualTo("intel");
    assertThat(first.name()).isEqualTo("Intel GPU 0x46a6");
    assertThat(first.utilizationPercent()).as("nothing to measure from yet").isNull();
    assertThat(first.frequencyMhz()).isEqualTo(300.0);

    // One second on, 250 ms of it idle (in RC6): 75 % busy, at 1300 MHz.
    alderLake("card0", 52_250, 1300);
    nanos.addAndGet(1_000_000_000L);
    GpuUsage second = probe.sample().get(0);
    assertThat(second.utilizationPercent()).isEqualTo(75.0);
    assertThat(second.frequencyMhz()).isEqualTo(1300.0);
    assertThat(second.temperatureCelsius()).as("an iGPU has no hwmon of its own").isNull();
    assertThat(second.powerWatts()).isNull();
    assertThat(second.processes()).as("no per-process figures from sysfs").isNull();
  }

  @Test
  void shouldReadADiscreteCardsPowerAndTemperatureOnTheXeDriver() throws IOException {
    arc("card1", 10_000, 5_000_000_000L);
    var probe = IntelSysfsGpuProbe.find(drm, nanos::get).orElseThrow();
    probe.sample();

    // Half a second on: fully awake (no idle added), 15 J used: 30 W.
    arc("card1", 10_000, 5_015_000_000L);
    nanos.addAndGet(500_000_000L);
    GpuUsage gpu = probe.sample().get(0);
    assertThat(gpu.utilizationPercent()).isEqualTo(100.0);
    assertThat(gpu.powerWatts()).isEqualTo(30.0);
    assertThat(gpu.temperatureCelsius()).isEqualTo(47.0);
    assertThat(gpu.frequencyMhz()).isEqualTo(2000.0);
  }

  @Test
  void shouldTakeNoCounterThatWentBackwardsAndFindNothingWithoutAnIntelGpu() throws IOException {
    alderLake("card0", 52_000, 300);
    var probe = IntelSysfsGpuProbe.find(drm, nanos::get).orElseThrow();
    probe.sample();
    alderLake("card0", 10, 300); // the counter restarted (a driver reload)
    nanos.addAndGet(1_000_000_000L);
    assertThat(probe.sample().get(0).utilizationPercent()).isNull();

    Path other = drm.resolve("other");
    write(other.resolve("card0/device/vendor"), "0x8086\n"); // a display-only Intel device
    assertThat(IntelSysfsGpuProbe.find(other)).isEmpty();
    write(other.resolve("card1/device/vendor"), "0x1002\n");
    write(other.resolve("card1/gt_act_freq_mhz"), "500\n");
    assertThat(IntelSysfsGpuProbe.find(other)).as("an AMD card").isEmpty();
    assertThat(IntelSysfsGpuProbe.find(drm.resolve("absent"))).isEmpty();
  }
}
