package io.optimizarr.monitor.gpu;

import io.optimizarr.model.GpuUsage;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * All GPU families found on the host at start, as one list numbered from 0. A family whose driver
 * fails at run time is logged once and reported absent from then on; sampling never fails because
 * of a GPU. Called from the sampler thread only.
 */
public final class GpuProbes {

  private final List<GpuProbe> working;

  public GpuProbes(List<GpuProbe> found) {
    this.working = new ArrayList<>(found);
  }

  public List<GpuUsage> sample() {
    var gpus = new ArrayList<GpuUsage>();
    for (var it = working.iterator(); it.hasNext(); ) {
      GpuProbe probe = it.next();
      try {
        for (GpuUsage gpu : probe.sample()) {
          gpus.add(gpu.withIndex(gpus.size()));
        }
      } catch (RuntimeException | LinkageError e) {
        Log.warnf("%s GPU probe failed and is now reported absent: %s", probe.name(), e.toString());
        it.remove();
      }
    }
    return gpus;
  }

  /** The names of the families still reported. */
  public List<String> names() {
    return working.stream().map(GpuProbe::name).toList();
  }
}
