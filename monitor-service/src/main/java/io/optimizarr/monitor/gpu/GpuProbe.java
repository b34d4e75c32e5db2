package io.optimizarr.monitor.gpu;

import io.optimizarr.model.GpuUsage;
import java.util.List;

/**
 * One family of GPUs. Implementations are called from the sampler thread only and need not be
 * thread-safe. Indexes in the result are local to the family; {@link GpuProbes} renumbers them.
 */
public interface GpuProbe {

  /** The family's GPUs now; throws when the driver fails. */
  List<GpuUsage> sample();

  /** The family's name in log lines. */
  String name();
}
