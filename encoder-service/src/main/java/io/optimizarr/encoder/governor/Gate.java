package io.optimizarr.encoder.governor;

import java.util.ArrayList;
import java.util.List;

/**
 * Every resource judged against one set of limits: foreign CPU and memory, GPU load while no encode
 * of ours uses the GPU, CPU and GPU temperatures. Not thread-safe.
 */
final class Gate {

  private final Hysteresis cpu = new Hysteresis();
  private final Hysteresis memory = new Hysteresis();
  private final Hysteresis gpu = new Hysteresis();
  private final Hysteresis cpuTemperature = new Hysteresis();
  private final Hysteresis gpuTemperature = new Hysteresis();
  private List<String> reasons = List.of();

  /** Takes one observation; gives why the gate is closed, or an empty list when it is open. */
  List<String> judge(Observation o, Limits l) {
    var hot = new ArrayList<String>();
    int pause = l.pauseAfterSamples();
    int resume = l.resumeAfterSamples();
    double foreignCpu = o.foreignCpuPercent();
    if (cpu.accept(foreignCpu, l.cpuThreshold(), l.resumeMargin(), pause, resume)) {
      hot.add(
          percent("cpu", foreignCpu, l.cpuThreshold(), l.resumeMargin()) + " (other processes)");
    }
    double foreignMemory = o.foreignMemoryPercent();
    if (memory.accept(foreignMemory, l.memoryThreshold(), l.resumeMargin(), pause, resume)) {
      hot.add(
          percent("memory", foreignMemory, l.memoryThreshold(), l.resumeMargin())
              + " (other processes)");
    }
    Double gpuLoad = o.gpuInUseByUs() ? null : o.busiestGpuPercent();
    if (gpuLoad == null) {
      gpu.reset();
    } else if (gpu.accept(gpuLoad, l.gpuThreshold(), l.resumeMargin(), pause, resume)) {
      hot.add(percent("gpu", gpuLoad, l.gpuThreshold(), l.resumeMargin()));
    }
    temperature(
        "cpu temperature",
        o.cpuTemperatureCelsius(),
        l.cpuTemperatureLimit(),
        cpuTemperature,
        l,
        hot);
    temperature(
        "gpu temperature", o.hottestGpuCelsius(), l.gpuTemperatureLimit(), gpuTemperature, l, hot);
    reasons = List.copyOf(hot);
    return reasons;
  }

  List<String> reasons() {
    return reasons;
  }

  /** Whether each resource is hot now, by name. */
  java.util.Map<String, Boolean> hotByResource() {
    var hot = new java.util.LinkedHashMap<String, Boolean>();
    hot.put("cpu", cpu.hot());
    hot.put("memory", memory.hot());
    hot.put("gpu", gpu.hot());
    hot.put("cpuTemperature", cpuTemperature.hot());
    hot.put("gpuTemperature", gpuTemperature.hot());
    return hot;
  }

  void reset() {
    for (Hysteresis h : List.of(cpu, memory, gpu, cpuTemperature, gpuTemperature)) {
      h.reset();
    }
    reasons = List.of();
  }

  private static void temperature(
      String name, Double celsius, int limit, Hysteresis state, Limits l, List<String> hot) {
    if (celsius == null) {
      state.reset();
      return;
    }
    if (state.accept(
        celsius, limit, Limits.TEMPERATURE_MARGIN, l.pauseAfterSamples(), l.resumeAfterSamples())) {
      hot.add(
          celsius > limit
              ? String.format("%s %.0f°C > %d°C", name, celsius, limit)
              : String.format(
                  "%s %.0f°C, not yet below %d°C",
                  name, celsius, limit - Limits.TEMPERATURE_MARGIN));
    }
  }

  private static String percent(String name, double value, int threshold, int margin) {
    return value > threshold
        ? String.format("%s %.0f%% > %d%%", name, value, threshold)
        : String.format("%s %.0f%%, not yet below %d%%", name, value, threshold - margin);
  }
}
