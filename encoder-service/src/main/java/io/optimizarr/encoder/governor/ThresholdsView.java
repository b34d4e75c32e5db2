package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.process.Placement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/resources/thresholds}: each resource's total, own and foreign value against its
 * limit, and the throttle's state since when.
 *
 * @param held whether the state holds encodes (the periods the dashboard's chart shades)
 * @param idleSince since when the machine has counted as idle (the idle thresholds apply); null
 *     while it is in use
 * @param placement what protects the machine from this node's encodes, read for this answer
 */
public record ThresholdsView(
    State state,
    Instant since,
    List<String> reasons,
    List<Reading> resources,
    Instant idleSince,
    boolean held,
    Placement placement) {

  /**
   * @param resource the resource's wire name
   * @param own our encodes' share; null where it cannot be told (temperatures; a GPU without
   *     per-process figures)
   */
  public record Reading(
      String resource, Double total, Double own, Double foreign, int threshold, boolean hot) {}

  /**
   * The latest judgement: its readings against the limits it judged by (the idle ones while idle).
   * Without a judgement yet, no readings.
   */
  static ThresholdsView of(
      State state,
      Instant since,
      Governor.Decision decision,
      Observation o,
      Map<Resource, Boolean> hot,
      Instant idleSince,
      Placement placement) {
    var readings = new ArrayList<Reading>();
    if (decision != null && o != null) {
      Limits l = decision.limits();
      readings.add(
          reading(
              Resource.CPU,
              o.cpuPercent(),
              o.ownCpuPercent(),
              o.foreignCpuPercent(),
              l.cpuThreshold(),
              hot));
      double total =
          o.memoryTotalBytes() <= 0 ? 0 : 100.0 * o.memoryUsedBytes() / o.memoryTotalBytes();
      double own =
          o.memoryTotalBytes() <= 0 ? 0 : 100.0 * o.ownMemoryBytes() / o.memoryTotalBytes();
      readings.add(
          reading(Resource.MEMORY, total, own, o.foreignMemoryPercent(), l.memoryThreshold(), hot));
      GpuLoad.Share gpu = o.gpuLoad();
      readings.add(
          reading(
              Resource.GPU,
              gpu == null ? null : gpu.total(),
              gpu == null ? null : gpu.own(),
              gpu == null ? null : gpu.foreign(),
              l.gpuThreshold(),
              hot));
      readings.add(
          reading(
              Resource.CPU_TEMPERATURE,
              o.cpuTemperatureCelsius(),
              null,
              null,
              l.cpuTemperatureLimit(),
              hot));
      readings.add(
          reading(
              Resource.GPU_TEMPERATURE,
              o.hottestGpuCelsius(),
              null,
              null,
              l.gpuTemperatureLimit(),
              hot));
    }
    List<String> reasons = decision == null ? List.of() : Reason.texts(decision.reasons());
    return new ThresholdsView(
        state, since, reasons, readings, idleSince, state.holdsEncodes(), placement);
  }

  private static Reading reading(
      Resource resource,
      Double total,
      Double own,
      Double foreign,
      int threshold,
      Map<Resource, Boolean> hot) {
    return new Reading(
        resource.wireName(), total, own, foreign, threshold, hot.getOrDefault(resource, false));
  }
}
