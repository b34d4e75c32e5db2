package io.optimizarr.monitor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.optimizarr.model.GpuUsage;
import io.optimizarr.model.ResourceSnapshot;
import io.optimizarr.monitor.host.ProcessWatch;
import io.optimizarr.monitor.stream.SnapshotHub;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Gauges and counters that read the latest snapshot, so a scrape costs no sampling. Per-core and
 * per-GPU meters appear with the first snapshot that has them; a GPU that disappears reads NaN.
 */
@Singleton
public class SnapshotMetrics {

  private final MeterRegistry registry;
  private final Counter samples;
  private final Timer sampleDuration;
  private final Set<Integer> coresRegistered = new HashSet<>();
  private final Set<Integer> gpusRegistered = new HashSet<>();
  private volatile ResourceSnapshot latest;

  SnapshotMetrics(MeterRegistry registry, SnapshotHub hub, ProcessWatch watch) {
    this.registry = registry;
    this.samples =
        Counter.builder("optimizarr.monitor.samples")
            .description("Host samples taken")
            .register(registry);
    this.sampleDuration =
        Timer.builder("optimizarr.monitor.sample.duration")
            .description("Time one host sample takes")
            .register(registry);
    Gauge.builder("optimizarr.sse.subscribers", hub, SnapshotHub::subscriberCount)
        .description("Open snapshot streams")
        .register(registry);
    Gauge.builder("optimizarr.monitor.watched.processes", watch, ProcessWatch::size)
        .description("Processes whose use is being measured for callers")
        .register(registry);

    gauge("optimizarr.cpu.usage.percent", s -> s.cpu().usagePercent());
    gauge("optimizarr.cpu.logical.cores", s -> s.cpu().logicalCores());
    gauge("optimizarr.cpu.load.average.1m", s -> orNaN(s.cpu().loadAverage1m()));
    gauge("optimizarr.cpu.temperature.celsius", s -> orNaN(s.cpu().temperatureCelsius()));
    gauge("optimizarr.cpu.waiting.percent", s -> orNaN(s.cpu().waitingPercent()));
    gauge("optimizarr.memory.total.bytes", s -> s.memory().totalBytes());
    gauge("optimizarr.memory.available.bytes", s -> s.memory().availableBytes());
    gauge("optimizarr.memory.used.bytes", s -> s.memory().usedBytes());
    gauge("optimizarr.memory.used.percent", s -> s.memory().usedPercent());
    gauge("optimizarr.memory.swap.total.bytes", s -> s.memory().swapTotalBytes());
    gauge("optimizarr.memory.swap.used.bytes", s -> s.memory().swapUsedBytes());
    counter("optimizarr.disk.read.bytes", s -> s.disk().readBytes());
    counter("optimizarr.disk.write.bytes", s -> s.disk().writeBytes());
    counter("optimizarr.disk.reads", s -> s.disk().reads());
    counter("optimizarr.disk.writes", s -> s.disk().writes());
    gauge("optimizarr.disk.read.bytes.per.second", s -> s.disk().readBytesPerSecond());
    gauge("optimizarr.disk.write.bytes.per.second", s -> s.disk().writeBytesPerSecond());
    counter("optimizarr.network.received.bytes", s -> s.network().receivedBytes());
    counter("optimizarr.network.sent.bytes", s -> s.network().sentBytes());
    gauge(
        "optimizarr.network.received.bytes.per.second", s -> s.network().receivedBytesPerSecond());
    gauge("optimizarr.network.sent.bytes.per.second", s -> s.network().sentBytesPerSecond());
  }

  /** Takes a new snapshot as the figures to report; called by the sampler thread only. */
  public void record(ResourceSnapshot snapshot, long sampleNanos) {
    latest = snapshot;
    samples.increment();
    sampleDuration.record(sampleNanos, TimeUnit.NANOSECONDS);
    for (int core = 0; core < snapshot.cpu().perCorePercent().size(); core++) {
      if (coresRegistered.add(core)) {
        int index = core;
        Gauge.builder(
                "optimizarr.cpu.core.usage.percent", this, m -> m.figure(s -> coreFigure(s, index)))
            .tag("core", Integer.toString(core))
            .register(registry);
      }
    }
    for (GpuUsage gpu : snapshot.gpus()) {
      if (gpusRegistered.add(gpu.index())) {
        registerGpu(gpu.index());
      }
    }
  }

  private void registerGpu(int index) {
    gpuGauge("optimizarr.gpu.utilization.percent", index, GpuUsage::utilizationPercent);
    gpuGauge("optimizarr.gpu.memory.used.bytes", index, GpuUsage::memoryUsedBytes);
    gpuGauge("optimizarr.gpu.memory.total.bytes", index, GpuUsage::memoryTotalBytes);
    gpuGauge("optimizarr.gpu.temperature.celsius", index, GpuUsage::temperatureCelsius);
    gpuGauge("optimizarr.gpu.power.watts", index, GpuUsage::powerWatts);
    gpuGauge("optimizarr.gpu.frequency.mhz", index, GpuUsage::frequencyMhz);
    gpuGauge(
        "optimizarr.gpu.encoder.utilization.percent", index, GpuUsage::encoderUtilizationPercent);
    gpuGauge(
        "optimizarr.gpu.decoder.utilization.percent", index, GpuUsage::decoderUtilizationPercent);
    // Per-process figures stay out of the labels (pids are unbounded): counts per GPU only.
    gpuGauge(
        "optimizarr.gpu.processes",
        index,
        gpu -> gpu.processes() == null ? null : gpu.processes().size());
    gpuGauge("optimizarr.gpu.encoder.sessions", index, SnapshotMetrics::encoderSessions);
  }

  /** The GPU's open encoder sessions; null where the driver cannot say. */
  private static Integer encoderSessions(GpuUsage gpu) {
    if (gpu.processes() == null
        || gpu.processes().stream().anyMatch(p -> p.encoderSessions() == null)) {
      return null;
    }
    return gpu.processes().stream().mapToInt(p -> p.encoderSessions()).sum();
  }

  private void gpuGauge(String name, int index, Function<GpuUsage, ? extends Number> field) {
    Gauge.builder(name, this, m -> m.figure(s -> gpuFigure(s, index, field)))
        .tag("gpu", Integer.toString(index))
        .register(registry);
  }

  private void gauge(String name, ToDoubleFunction<ResourceSnapshot> figure) {
    Gauge.builder(name, this, m -> m.figure(figure)).register(registry);
  }

  private void counter(String name, ToDoubleFunction<ResourceSnapshot> figure) {
    FunctionCounter.builder(name, this, m -> m.figure(figure)).register(registry);
  }

  private double figure(ToDoubleFunction<ResourceSnapshot> figure) {
    ResourceSnapshot snapshot = latest;
    return snapshot == null ? Double.NaN : figure.applyAsDouble(snapshot);
  }

  private static double coreFigure(ResourceSnapshot snapshot, int core) {
    var cores = snapshot.cpu().perCorePercent();
    return core < cores.size() ? cores.get(core) : Double.NaN;
  }

  private static double gpuFigure(
      ResourceSnapshot snapshot, int index, Function<GpuUsage, ? extends Number> field) {
    return snapshot.gpus().stream()
        .filter(gpu -> gpu.index() == index)
        .findFirst()
        .map(field)
        .map(Number::doubleValue)
        .orElse(Double.NaN);
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
