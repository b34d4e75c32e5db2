package io.optimizarr.encoder.governor;

/** A resource the governor judges against a limit. */
public enum Resource implements Cause {
  CPU("cpu", "cpu", "cpu"),
  MEMORY("memory", "memory", "memory"),
  GPU("gpu", "gpu", "gpu"),
  CPU_TEMPERATURE("cpuTemperature", "cpu_temperature", "cpu temperature"),
  GPU_TEMPERATURE("gpuTemperature", "gpu_temperature", "gpu temperature");

  private final String wireName;
  private final String tag;
  private final String label;

  Resource(String wireName, String tag, String label) {
    this.wireName = wireName;
    this.tag = tag;
    this.label = label;
  }

  /** Its name in JSON, as {@code GET /api/resources/thresholds} gives it. */
  public String wireName() {
    return wireName;
  }

  @Override
  public String tag() {
    return tag;
  }

  /** How a reason names it: {@code cpu 93% > 90%}, {@code cpu temperature 91°C > 90°C}. */
  public String label() {
    return label;
  }
}
