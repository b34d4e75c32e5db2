package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.schedule.Schedule;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.settings.ResourceSettings;
import io.optimizarr.encoder.testing.Settings;
import io.optimizarr.model.GpuUsage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Governors, observations and decisions as the governor's tests write them. */
final class GovernorFixtures {

  /** The node's defaults, as V2 seeds them (docs/ENCODER.md, The governor). */
  static final ResourceSettings DEFAULTS = Settings.of(PriorityMode.IDLE, 10, "", true);

  private GovernorFixtures() {}

  /** A governor without windows, in UTC. */
  static Governor governor(ResourceSettings settings, Instant startedAt) {
    return new Governor(settings, Schedule.always(), ZoneId.of("UTC"), startedAt);
  }

  /** An observation without waiting figures: foreign CPU is what others ran. */
  static Observation observation(
      double cpuPercent,
      double ownCpuPercent,
      long memoryUsedBytes,
      long memoryTotalBytes,
      long ownMemoryBytes,
      Double cpuTemperatureCelsius,
      List<GpuUsage> gpus,
      boolean gpuInUseByUs) {
    return new Observation(
        cpuPercent,
        ownCpuPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        ownMemoryBytes,
        cpuTemperatureCelsius,
        gpus,
        gpuInUseByUs,
        null,
        0,
        0,
        Set.of());
  }

  /** An idle machine but for its GPUs, with our encodes' pids. */
  static Observation gpuObservation(List<GpuUsage> gpus, boolean gpuInUseByUs, Set<Long> ownPids) {
    return new Observation(
        10, 5, 4L << 30, 16L << 30, 1L << 30, null, gpus, gpuInUseByUs, null, 0, 0, ownPids);
  }

  /** A decision with its reasons as the texts the jobs, the alerts and the UI show. */
  record Judged(
      State state,
      boolean hot,
      List<String> reasons,
      Map<Long, String> pause,
      Set<Long> resume,
      boolean outsideWindow,
      boolean idle) {

    static Judged of(Governor.Decision d) {
      var pause = new LinkedHashMap<Long, String>();
      d.pause().forEach((id, reasons) -> pause.put(id, Reason.text(reasons)));
      return new Judged(
          d.state(),
          d.hot(),
          Reason.texts(d.reasons()),
          pause,
          d.resume(),
          d.outsideWindow(),
          d.idle());
    }
  }
}
