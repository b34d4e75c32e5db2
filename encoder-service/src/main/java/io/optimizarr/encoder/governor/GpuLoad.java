package io.optimizarr.encoder.governor;

import io.optimizarr.model.GpuProcess;
import io.optimizarr.model.GpuUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A GPU's load as the governor judges it: its busiest engine (SMs, video encoder, video decoder),
 * and other programs' share of it. Pure.
 *
 * <ul>
 *   <li>While no encode of ours uses a GPU (by its profile, nor by a pid of ours on one), all of
 *       every GPU's load is other programs'.
 *   <li>While one does, a GPU whose processes the monitor lists is split by pid: other programs'
 *       share is the sum of their SM, encoder or decoder shares or of the GPU memory they hold (the
 *       greatest of the four), so another program's NVENC or NVDEC use, or one that fills the GPU's
 *       memory, is foreign load beside ours (and, paused for it, a segmented encode is released,
 *       freeing its own memory and sessions). Where per-process encoder shares are missing but
 *       encoder sessions are known, the GPU's encoder load is split by the sessions each side
 *       holds. A listed GPU none of our pids is on is all others'.
 *   <li>Without the list (AMD, drivers without per-process figures, an older monitor), or while
 *       none of our pids is on any listed GPU — the encoder sees its processes under other numbers
 *       than the driver (a pid namespace: a container), or our encode has not opened the GPU yet —
 *       ours cannot be told from others' and GPU load is not judged, as before per-process figures:
 *       an encode never pauses itself for its own load.
 * </ul>
 */
final class GpuLoad {

  /**
   * One GPU's load.
   *
   * @param total its busiest engine, 0–100; null where it reports none
   * @param own our encodes' share; null where it cannot be told
   * @param foreign other programs' share, judged against the GPU threshold; null where ours cannot
   *     be told from it (not judged)
   * @param perProcess whether the figures come from the GPU's processes
   */
  record Share(Double total, Double own, Double foreign, boolean perProcess) {}

  /** A GPU's video-encoder load split between our encodes and other programs; nulls unknown. */
  private record EncoderSplit(Double own, Double others) {}

  private GpuLoad() {}

  /**
   * The GPU that weighs most: the highest foreign share, else the highest total; null without a GPU
   * that reports a figure.
   */
  static Share busiest(List<GpuUsage> gpus, boolean gpuInUseByUs, Set<Long> ownPids) {
    boolean recognised =
        gpus.stream()
            .filter(g -> g.processes() != null)
            .flatMap(g -> g.processes().stream())
            .anyMatch(p -> ownPids.contains(p.pid()));
    // One of our pids on a GPU uses it, whatever its profile says (ffmpeg may decode there).
    boolean inUse = gpuInUseByUs || recognised;
    Share busiest = null;
    for (GpuUsage gpu : gpus) {
      Share share = of(gpu, inUse, recognised, ownPids);
      if (share.total() != null && weighsMore(share, busiest)) {
        busiest = share;
      }
    }
    return busiest;
  }

  private static boolean weighsMore(Share a, Share b) {
    if (b == null) {
      return true;
    }
    if (a.foreign() != null || b.foreign() != null) {
      return b.foreign() == null || (a.foreign() != null && a.foreign() > b.foreign());
    }
    return a.total() > b.total();
  }

  private static Share of(
      GpuUsage gpu, boolean gpuInUseByUs, boolean recognised, Set<Long> ownPids) {
    Double total =
        max(
            Arrays.asList(
                gpu.utilizationPercent(),
                gpu.encoderUtilizationPercent(),
                gpu.decoderUtilizationPercent()));
    if (!gpuInUseByUs) {
      return new Share(total, null, total, false);
    }
    if (!recognised || gpu.processes() == null) {
      return new Share(total, null, null, false);
    }
    List<GpuProcess> ours =
        gpu.processes().stream().filter(p -> ownPids.contains(p.pid())).toList();
    List<GpuProcess> others =
        gpu.processes().stream().filter(p -> !ownPids.contains(p.pid())).toList();
    if (ours.isEmpty()) {
      return new Share(total, 0.0, total, true);
    }
    var own = new ArrayList<Double>();
    var foreign = new ArrayList<Double>();
    for (Function<GpuProcess, Double> engine :
        List.<Function<GpuProcess, Double>>of(GpuProcess::smPercent, GpuProcess::decoderPercent)) {
      own.add(sum(ours, engine));
      foreign.add(sum(others, engine));
    }
    EncoderSplit encoder = encoder(gpu, ours, others);
    own.add(encoder.own());
    foreign.add(encoder.others());
    // Memory held: another program that fills the GPU's memory wants what a paused encode holds.
    own.add(memoryShare(gpu, ours));
    foreign.add(memoryShare(gpu, others));
    Double othersShare = max(foreign);
    return othersShare == null
        ? new Share(total, null, null, false)
        : new Share(total, max(own), Math.min(100, othersShare), true);
  }

  /**
   * Ours and others' encoder shares: by process where every process has one, else the GPU's encoder
   * load split by the sessions each side holds; nulls where neither is known.
   */
  private static EncoderSplit encoder(
      GpuUsage gpu, List<GpuProcess> ours, List<GpuProcess> others) {
    Double own = sum(ours, GpuProcess::encoderPercent);
    Double theirs = sum(others, GpuProcess::encoderPercent);
    if (own != null && theirs != null) {
      return new EncoderSplit(own, theirs);
    }
    Double sessionsOurs = sum(ours, p -> toDouble(p.encoderSessions()));
    Double sessionsTheirs = sum(others, p -> toDouble(p.encoderSessions()));
    Double load = gpu.encoderUtilizationPercent();
    if (load == null || sessionsOurs == null || sessionsTheirs == null) {
      return new EncoderSplit(null, null);
    }
    double sessions = sessionsOurs + sessionsTheirs;
    return sessions == 0
        ? new EncoderSplit(0.0, 0.0)
        : new EncoderSplit(load * sessionsOurs / sessions, load * sessionsTheirs / sessions);
  }

  /** The share of the GPU's memory the processes hold, 0–100; null where it cannot be told. */
  private static Double memoryShare(GpuUsage gpu, List<GpuProcess> processes) {
    Double held =
        sum(processes, p -> p.memoryBytes() == null ? null : p.memoryBytes().doubleValue());
    Long total = gpu.memoryTotalBytes();
    return held == null || total == null || total <= 0 ? null : 100.0 * held / total;
  }

  /** The processes' sum of a figure; null when any of them lacks it. */
  private static Double sum(List<GpuProcess> processes, Function<GpuProcess, Double> figure) {
    double sum = 0;
    for (GpuProcess p : processes) {
      Double value = figure.apply(p);
      if (value == null) {
        return null;
      }
      sum += value;
    }
    return sum;
  }

  private static Double toDouble(Integer count) {
    return count == null ? null : count.doubleValue();
  }

  private static Double max(Collection<Double> values) {
    return values.stream().filter(Objects::nonNull).max(Double::compare).orElse(null);
  }
}
