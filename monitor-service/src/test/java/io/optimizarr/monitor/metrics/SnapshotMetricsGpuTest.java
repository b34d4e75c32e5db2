package io.optimizarr.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.optimizarr.model.CpuUsage;
import io.optimizarr.model.DiskIo;
import io.optimizarr.model.GpuProcess;
import io.optimizarr.model.GpuUsage;
import io.optimizarr.model.MemoryUsage;
import io.optimizarr.model.NetworkIo;
import io.optimizarr.model.ResourceSnapshot;
import io.optimizarr.monitor.host.ProcessWatch;
import io.optimizarr.monitor.stream.SnapshotHub;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-process GPU figures reach Prometheus only as counts per GPU, never with a pid label. */
class SnapshotMetricsGpuTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SnapshotMetrics metrics =
      new SnapshotMetrics(registry, new SnapshotHub(), new ProcessWatch(60_000_000_000L));

  private static ResourceSnapshot withGpus(GpuUsage... gpus) {
    return new ResourceSnapshot(
        1,
        Instant.EPOCH,
        "h",
        1.0,
        new CpuUsage(1, List.of(1.0), 1, null, null, null, null),
        new MemoryUsage(1, 1, 0, 0, 0, 0),
        List.of(gpus),
        new DiskIo(0, 0, 0, 0, 0, 0),
        new NetworkIo(0, 0, 0, 0),
        List.of());
  }

  private static GpuUsage gpu(int index, List<GpuProcess> processes) {
    return new GpuUsage(
        index, "GPU", null, "nvidia", 63.0, 1L, 2L, 60.0, null, 85.0, 18.0, processes);
  }

  private double gauge(String name, int gpu) {
    return registry.get(name).tag("gpu", Integer.toString(gpu)).gauge().value();
  }

  @Test
  void shouldCountEachGpusProcessesAndEncoderSessions() {
    metrics.record(
        withGpus(
            gpu(
                0,
                List.of(
                    new GpuProcess(2291, 2.0, 24.0, 18.0, 1L, 1),
                    new GpuProcess(41872, 3.0, 61.0, 0.0, 1L, 2))),
            gpu(1, null)),
        1);

    assertThat(gauge("optimizarr.gpu.processes", 0)).isEqualTo(2);
    assertThat(gauge("optimizarr.gpu.encoder.sessions", 0)).isEqualTo(3);
    assertThat(gauge("optimizarr.gpu.processes", 1)).as("the driver cannot say").isNaN();
    assertThat(gauge("optimizarr.gpu.encoder.sessions", 1)).isNaN();
    assertThat(registry.getMeters())
        .allSatisfy(meter -> assertThat(meter.getId().getTag("pid")).isNull());
  }
}
