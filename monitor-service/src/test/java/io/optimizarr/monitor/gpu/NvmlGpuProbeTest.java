package io.optimizarr.monitor.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.optimizarr.model.GpuUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NVML probe on replayed answers: the units NVML gives, unsupported figures, failing calls. The
 * same probe against a real driver is checked by bench/gpu/nvml-check.sh on an NVIDIA host.
 */
class NvmlGpuProbeTest {

  private static final RecordedNvml.Device DATACENTER =
      new RecordedNvml.Device(
          "NVIDIA H100 80GB HBM3",
          "GPU-1a2b3c4d-0000-1111-2222-333344445555",
          87,
          85_520_809_984L,
          42_949_672_960L,
          503_316_480L,
          61,
          312_456,
          23,
          0);
  private static final RecordedNvml.Device CONSUMER =
      new RecordedNvml.Device(
          "NVIDIA GeForce GTX 1650",
          null,
          5,
          4_294_967_296L,
          536_870_912L,
          0L,
          44,
          null,
          null,
          null);

  @Test
  void shouldConvertNvmlUnitsToTheSnapshotsUnits() {
    var probe = NvmlGpuProbe.initialise(new RecordedNvml(List.of(DATACENTER))).orElseThrow();

    assertThat(probe.sample())
        .containsExactly(
            new GpuUsage(
                0,
                "NVIDIA H100 80GB HBM3",
                "GPU-1a2b3c4d-0000-1111-2222-333344445555",
                "nvidia",
                87.0,
                42_949_672_960L,
                85_520_809_984L,
                61.0,
                312.456,
                23.0,
                0.0));
  }

  /**
   * An idle H100 (driver 580.159.04) read on 2026-11-26 by bench/gpu/device-check.sh: nvidia-smi
   * said 0 MiB used and 480 MiB reserved of 81559 MiB; the first NVML call said 480 MiB used.
   */
  private static final RecordedNvml.Device IDLE_H100 =
      new RecordedNvml.Device(
          "NVIDIA H100 80GB HBM3",
          "GPU-6274e359-107b-f1e6-80cd-83bd4d434eeb",
          0,
          81_559L << 20,
          0L,
          480L << 20,
          46,
          74_677,
          0,
          0);

  @Test
  void shouldLeaveTheDriversReservedMemoryOutOfUsedAsNvidiaSmiDoes() {
    var probe = NvmlGpuProbe.initialise(new RecordedNvml(List.of(IDLE_H100))).orElseThrow();

    GpuUsage gpu = probe.sample().get(0);

    assertThat(gpu.memoryUsedBytes()).isZero();
    assertThat(gpu.memoryTotalBytes()).isEqualTo(81_559L << 20);
  }

  @Test
  void shouldFallBackToTheFirstMemoryCallOnDriversOlderThan510() {
    var nvml = new RecordedNvml(List.of(IDLE_H100));
    nvml.hasMemoryV2 = false;
    var probe = NvmlGpuProbe.initialise(nvml).orElseThrow();

    assertThat(probe.sample().get(0).memoryUsedBytes()).isEqualTo(480L << 20);
    assertThat(probe.sample().get(0).memoryUsedBytes()).isEqualTo(480L << 20);
  }

  @Test
  void shouldReportUnsupportedFiguresAsNullNotAsErrors() {
    var probe =
        NvmlGpuProbe.initialise(new RecordedNvml(List.of(DATACENTER, CONSUMER))).orElseThrow();

    GpuUsage consumer = probe.sample().get(1);

    assertThat(consumer.index()).isEqualTo(1);
    assertThat(consumer.uuid()).isNull();
    assertThat(consumer.powerWatts()).isNull();
    assertThat(consumer.encoderUtilizationPercent()).isNull();
    assertThat(consumer.decoderUtilizationPercent()).isNull();
    assertThat(consumer.temperatureCelsius()).isEqualTo(44.0);
  }

  @Test
  void shouldBeAbsentWhenNvmlDoesNotInitialise() {
    var nvml = new RecordedNvml(List.of(DATACENTER));
    nvml.initStatus = 9; // NVML_ERROR_DRIVER_NOT_LOADED

    assertThat(NvmlGpuProbe.initialise(nvml)).isEmpty();
  }

  @Test
  void shouldFailTheSampleWhenTheDeviceListFails() {
    var nvml = new RecordedNvml(List.of(DATACENTER));
    var probe = NvmlGpuProbe.initialise(nvml).orElseThrow();
    nvml.countStatus = 15; // NVML_ERROR_GPU_IS_LOST

    assertThatThrownBy(probe::sample).hasMessageContaining("NVML error 15");
  }

  @Test
  void shouldFindNoLibraryOnAHostWithoutTheNvidiaDriver() {
    assumeFalse(Files.exists(Path.of("/proc/driver/nvidia")), "this host has an NVIDIA driver");

    assertThat(NvmlGpuProbe.load()).isEmpty();
  }
}
