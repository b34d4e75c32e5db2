package io.optimizarr.monitor.stream;

import io.optimizarr.monitor.config.MonitorConfig;
import io.optimizarr.monitor.gpu.AmdSysfsGpuProbe;
import io.optimizarr.monitor.gpu.GpuProbe;
import io.optimizarr.monitor.gpu.GpuProbes;
import io.optimizarr.monitor.gpu.IntelSysfsGpuProbe;
import io.optimizarr.monitor.gpu.NvmlGpuProbe;
import io.optimizarr.monitor.host.CpuTemperatureSensor;
import io.optimizarr.monitor.host.HostSampler;
import io.optimizarr.monitor.host.ProcessReader;
import io.optimizarr.monitor.host.ProcessWatch;
import io.optimizarr.proc.ProcFs;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import oshi.SystemInfo;

/** Builds the host-reading objects once per process. */
public class MonitorBeans {

  /** A process asked about through the API stays watched this long after the last ask. */
  private static final long ASKED_FOR_NANOS = TimeUnit.SECONDS.toNanos(60);

  @Produces
  @Singleton
  SystemInfo systemInfo() {
    return new SystemInfo();
  }

  @Produces
  @Singleton
  ProcessWatch processWatch() {
    return new ProcessWatch(ASKED_FOR_NANOS);
  }

  @Produces
  @Singleton
  ProcessReader processReader() {
    return new ProcessReader(ProcFs.host());
  }

  @Produces
  @Singleton
  SnapshotHub snapshotHub() {
    return new SnapshotHub();
  }

  @Produces
  @Singleton
  PulseHub pulseHub() {
    return new PulseHub();
  }

  @Produces
  @Singleton
  SnapshotHistory snapshotHistory(MonitorConfig config) {
    var monitor = config.monitor();
    long kept = monitor.history().toNanos() / monitor.interval().toNanos();
    return new SnapshotHistory((int) Math.max(1, Math.min(kept, Integer.MAX_VALUE)));
  }

  @Produces
  @Singleton
  GpuProbes gpuProbes() {
    var found = new ArrayList<GpuProbe>();
    NvmlGpuProbe.load().ifPresent(found::add);
    AmdSysfsGpuProbe.find(Path.of("/sys/class/drm")).ifPresent(found::add);
    IntelSysfsGpuProbe.find(Path.of("/sys/class/drm")).ifPresent(found::add);
    var probes = new GpuProbes(found);
    Log.infof("GPU probes: %s", found.isEmpty() ? "none (no GPU found)" : probes.names());
    return probes;
  }

  @Produces
  @Singleton
  HostSampler hostSampler(
      MonitorConfig config,
      SystemInfo system,
      GpuProbes gpus,
      ProcessWatch watch,
      ProcessReader reader) {
    var hardware = system.getHardware();
    return new HostSampler(
        config.monitor().hostName().orElseGet(ProcFs.host()::hostName),
        hardware.getProcessor(),
        hardware.getMemory(),
        CpuTemperatureSensor.find(Path.of("/sys")),
        gpus,
        watch,
        reader);
  }
}
