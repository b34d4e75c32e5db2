package io.optimizarr.encoder.governor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every resource judged against one set of limits: foreign CPU and memory, others' GPU load (all of
 * it while no encode of ours uses a GPU, split by process while one does: {@link GpuLoad}), CPU and
 * GPU temperatures. Not thread-safe.
 */
final class Gate {

  private final Map<Resource, Hysteresis> states = new EnumMap<>(Resource.class);
  private List<Reason> reasons = List.of();

  Gate() {
    for (Resource r : Resource.values()) {
      states.put(r, new Hysteresis());
    }
  }

  /** Takes one observation; gives why the gate is closed, or an empty list when it is open. */
  List<Reason> judge(Observation o, Limits l) {
    var hot = new ArrayList<Reason>();
    load(Resource.CPU, o.foreignCpuPercent(), l.cpuThreshold(), true, l, hot);
    load(Resource.MEMORY, o.foreignMemoryPercent(), l.memoryThreshold(), true, l, hot);
    GpuLoad.Share gpu = o.gpuLoad();
    load(
        Resource.GPU,
        gpu == null ? null : gpu.foreign(),
        l.gpuThreshold(),
        gpu != null && gpu.perProcess(),
        l,
        hot);
    temperature(
        Resource.CPU_TEMPERATURE, o.cpuTemperatureCelsius(), l.cpuTemperatureLimit(), l, hot);
    temperature(Resource.GPU_TEMPERATURE, o.hottestGpuCelsius(), l.gpuTemperatureLimit(), l, hot);
    reasons = List.copyOf(hot);
    return reasons;
  }

  /**
   * The fast rule: foreign CPU over one pulse's window above the CPU threshold makes CPU hot at
   * once, without waiting for the hold count. Gives whether it did; CPU already hot stays as it is,
   * and nothing here ever cools it.
   */
  boolean pulse(PulseObservation p, Limits l) {
    Hysteresis cpu = states.get(Resource.CPU);
    double foreign = p.foreignCpuPercent();
    if (cpu.hot() || foreign <= l.cpuThreshold()) {
      return false;
    }
    cpu.trip();
    var hot = new ArrayList<Reason>(reasons);
    hot.add(0, Reason.pulse(foreign, l.cpuThreshold(), p.seconds()));
    reasons = List.copyOf(hot);
    return true;
  }

  List<Reason> reasons() {
    return reasons;
  }

  /** Whether each resource is hot now. */
  Map<Resource, Boolean> hotByResource() {
    var hot = new EnumMap<Resource, Boolean>(Resource.class);
    states.forEach((resource, state) -> hot.put(resource, state.hot()));
    return hot;
  }

  void reset() {
    states.values().forEach(Hysteresis::reset);
    reasons = List.of();
  }

  /**
   * @param percent null where the resource is not judged now (no GPU, or ours on it cannot be told
   *     from others')
   * @param foreign whether the figure is other programs' share, as the reason then says
   */
  private void load(
      Resource resource,
      Double percent,
      int threshold,
      boolean foreign,
      Limits l,
      List<Reason> hot) {
    Hysteresis state = states.get(resource);
    if (percent == null) {
      state.reset();
    } else if (state.accept(
        percent, threshold, l.resumeMargin(), l.pauseAfterSamples(), l.resumeAfterSamples())) {
      hot.add(Reason.load(resource, percent, threshold, l.resumeMargin(), foreign));
    }
  }

  private void temperature(
      Resource resource, Double celsius, int limit, Limits l, List<Reason> hot) {
    Hysteresis state = states.get(resource);
    if (celsius == null) {
      state.reset();
    } else if (state.accept(
        celsius, limit, Limits.TEMPERATURE_MARGIN, l.pauseAfterSamples(), l.resumeAfterSamples())) {
      hot.add(Reason.temperature(resource, celsius, limit, Limits.TEMPERATURE_MARGIN));
    }
  }
}
