package io.optimizarr.monitor.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over sysfs trees laid out as the kernel lays them, with recorded values. */
class CpuTemperatureSensorTest {

  @TempDir Path sys;

  private void write(String relative, String content) throws IOException {
    Path file = sys.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void shouldPreferTheCpuHwmonDriver() throws IOException {
    write("class/hwmon/hwmon0/name", "nvme\n");
    write("class/hwmon/hwmon0/temp1_input", "38850\n");
    write("class/hwmon/hwmon1/name", "coretemp\n");
    write("class/hwmon/hwmon1/temp1_input", "47000\n");
    write("class/thermal/thermal_zone0/type", "x86_pkg_temp\n");
    write("class/thermal/thermal_zone0/temp", "52000\n");

    assertThat(CpuTemperatureSensor.find(sys).orElseThrow().read()).isEqualTo(47.0);
  }

  @Test
  void shouldFallBackToTheCpuPackageThermalZone() throws IOException {
    write("class/thermal/thermal_zone0/type", "acpitz\n");
    write("class/thermal/thermal_zone0/temp", "27800\n");
    write("class/thermal/thermal_zone1/type", "x86_pkg_temp\n");
    write("class/thermal/thermal_zone1/temp", "52500\n");

    assertThat(CpuTemperatureSensor.find(sys).orElseThrow().read()).isEqualTo(52.5);
  }

  @Test
  void shouldFindNoneOnAVirtualMachineWithoutSensors() throws IOException {
    write("class/hwmon/hwmon0/name", "nvme\n");
    write("class/hwmon/hwmon0/temp1_input", "38850\n");

    assertThat(CpuTemperatureSensor.find(sys)).isEmpty();
  }

  @Test
  void shouldReadNullWhenTheSensorGoesAway() throws IOException {
    write("class/hwmon/hwmon0/name", "k10temp\n");
    write("class/hwmon/hwmon0/temp1_input", "61250\n");
    var sensor = CpuTemperatureSensor.find(sys).orElseThrow();
    Files.delete(sys.resolve("class/hwmon/hwmon0/temp1_input"));

    assertThat(sensor.read()).isNull();
  }
}
