package io.optimizarr.monitor.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.optimizarr.model.GpuProcess;
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

  /**
   * The device figures of a desktop GPU beside {@code nvml/rtx4070-nvenc-beside-others.txt}, whose
   * per-process answers are written by hand in the recorder's format (the file says so): an encoder
   * 85 % busy with our NVENC encode and a media server's, a game on the SMs.
   */
  private static final RecordedNvml.Device RTX_4070 =
      new RecordedNvml.Device(
          "NVIDIA GeForce RTX 4070",
          "GPU-0d9b6c5e-2f41-4a7e-9c1d-7be0f2a81c33",
          63,
          12_878_610_432L,
          2_147_483_648L,
          0L,
          66,
          142_318,
          85,
          18);

  private static NvmlGpuProbe replaying(RecordedNvml nvml, String recording) {
    nvml.answers = RecordedAnswers.resource(recording);
    long at = nvml.answers.readAtMicros(0);
    return (NvmlGpuProbe) NvmlGpuProbe.initialise(nvml, () -> at).orElseThrow();
  }

  @Test
  void shouldReadEveryProcessWithItsEnginesMemoryAndEncoderSessions() {
    var probe = replaying(new RecordedNvml(List.of(RTX_4070)), "rtx4070-nvenc-beside-others.txt");

    assertThat(probe.sample().get(0).processes())
        .as("by pid; our encode's two samples averaged, the stale one not counted")
        .containsExactly(
            new GpuProcess(2291, 2.0, 24.0, 18.0, 236_978_176L, 1),
            new GpuProcess(3377, 58.0, 0.0, 0.0, null, 0),
            new GpuProcess(41872, 3.0, 61.0, 0.0, 318_767_104L, 1));
  }

  @Test
  void shouldReadATorchLoadOnAnH100WithoutEncoderSessions() {
    var probe = replaying(new RecordedNvml(List.of(IDLE_H100)), "h100-torch-matmul.txt");

    assertThat(probe.sample().get(0).processes())
        .as("the H100 has no NVENC: its sessions unknown, not zero")
        .containsExactly(new GpuProcess(30127, 99.0, 0.0, 0.0, 916_455_424L, null));
  }

  @Test
  void shouldCountAProcessWithoutNewSamplesAsUsingNothing() {
    var nvml = new RecordedNvml(List.of(RTX_4070));
    nvml.answers = RecordedAnswers.resource("rtx4070-nvenc-beside-others.txt");
    long[] now = {nvml.answers.readAtMicros(0)};
    var probe = NvmlGpuProbe.initialise(nvml, () -> now[0]).orElseThrow();
    probe.sample();
    now[0] += 1_000_000;

    assertThat(probe.sample().get(0).processes())
        .as("NOT_FOUND since the newest sample read: every share 0, memory still known")
        .extracting(GpuProcess::smPercent, GpuProcess::encoderPercent, GpuProcess::memoryBytes)
        .containsExactly(
            tuple(0.0, 0.0, 236_978_176L), tuple(0.0, 0.0, null), tuple(0.0, 0.0, 318_767_104L));
  }

  @Test
  void shouldReadListsThatGrewBetweenTheCountAndTheRead() {
    var nvml = new RecordedNvml(List.of(RTX_4070));
    nvml.startingBetweenCalls = 6;

    var probe = replaying(nvml, "rtx4070-nvenc-beside-others.txt");

    assertThat(probe.sample().get(0).processes()).hasSize(3);
  }

  @Test
  void shouldLeaveWhatADriverCannotSayNullAndTheRestReadable() {
    var nvml = new RecordedNvml(List.of(RTX_4070));
    nvml.hasProcessListsV3 = false;
    var probe = replaying(nvml, "rtx4070-nvenc-beside-others.txt");

    GpuUsage gpu = probe.sample().get(0);

    assertThat(gpu.processes()).extracting(GpuProcess::memoryBytes).containsOnlyNulls();
    assertThat(gpu.processes())
        .extracting(GpuProcess::pid, GpuProcess::encoderPercent, GpuProcess::encoderSessions)
        .containsExactly(tuple(2291L, 24.0, 1), tuple(3377L, 0.0, 0), tuple(41872L, 61.0, 1));
    assertThat(gpu.utilizationPercent()).isEqualTo(63.0);
  }

  @Test
  void shouldReportNoProcessesWhereTheDriverAnswersNoPerProcessCall() {
    var probe = NvmlGpuProbe.initialise(new RecordedNvml(List.of(CONSUMER))).orElseThrow();

    assertThat(probe.sample().get(0).processes()).as("cannot say, not none").isNull();
  }

  @Test
  void shouldLayTheStructuresOutAsNvmlHDoes() {
    assertThat(new NvmlLibrary.ProcessUtilizationSample().size()).isEqualTo(32);
    assertThat(new NvmlLibrary.ProcessInfo().size()).isEqualTo(24);
    assertThat(new NvmlLibrary.EncoderSessionInfo().size()).isEqualTo(32);
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
