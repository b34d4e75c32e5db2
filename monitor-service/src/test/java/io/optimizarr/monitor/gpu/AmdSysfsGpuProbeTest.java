package io.optimizarr.monitor.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.model.GpuUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AMD probe over a sysfs tree laid out as the amdgpu driver lays it, with recorded values. */
class AmdSysfsGpuProbeTest {

  @TempDir Path drm;

  // Recorded from an RX 6600 (amdgpu, kernel 6.1).
  private void rx6600(String card) throws IOException {
    Path device = drm.resolve(card).resolve("device");
    write(device.resolve("vendor"), "0x1002\n");
    write(device.resolve("device"), "0x73ff\n");
    write(device.resolve("gpu_busy_percent"), "34\n");
    write(device.resolve("mem_info_vram_used"), "1073741824\n");
    write(device.resolve("mem_info_vram_total"), "8573157376\n");
    Path hwmon = device.resolve("hwmon/hwmon3");
    write(hwmon.resolve("temp1_input"), "52000\n");
    write(hwmon.resolve("power1_average"), "38000000\n");
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void shouldReadAnAmdCardsFiguresInSnapshotUnits() throws IOException {
    rx6600("card0");
    Files.createDirectories(drm.resolve("card0-DP-1"));

    var probe = AmdSysfsGpuProbe.find(drm).orElseThrow();

    assertThat(probe.sample())
        .containsExactly(
            new GpuUsage(
                0,
                "AMD GPU 0x73ff",
                null,
                "amd",
                34.0,
                1_073_741_824L,
                8_573_157_376L,
                52.0,
                38.0,
                null,
                null));
  }

  @Test
  void shouldIgnoreCardsOfOtherVendors() throws IOException {
    write(drm.resolve("card0/device/vendor"), "0x8086\n");
    write(drm.resolve("card0/device/gpu_busy_percent"), "0\n");

    assertThat(AmdSysfsGpuProbe.find(drm)).isEmpty();
  }

  @Test
  void shouldFindNothingWithoutADrmFolder() {
    assertThat(AmdSysfsGpuProbe.find(drm.resolve("absent"))).isEmpty();
  }

  @Test
  void shouldPreferTheProductNameAndTakeInstantPowerWhereNoAverageExists() {
    var gpu =
        AmdGpuFiles.parse(
            2,
            Map.of(
                AmdGpuFiles.PRODUCT_NAME, "AMD Radeon RX 7900 XTX\n",
                AmdGpuFiles.UNIQUE_ID, "a1b2c3d4e5f60708",
                AmdGpuFiles.POWER_INPUT, "95500000",
                AmdGpuFiles.BUSY, "not-a-number"));

    assertThat(gpu.name()).isEqualTo("AMD Radeon RX 7900 XTX");
    assertThat(gpu.uuid()).isEqualTo("a1b2c3d4e5f60708");
    assertThat(gpu.powerWatts()).isEqualTo(95.5);
    assertThat(gpu.utilizationPercent()).isNull();
    assertThat(gpu.memoryTotalBytes()).isNull();
  }
}
