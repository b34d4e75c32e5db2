package io.optimizarr.encoder.process;

import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessSample;
import java.util.Optional;

/**
 * CPU time and resident memory of one process, read through {@link ProcFs}. The CPU share between
 * two readings is {@link ProcessSample#cpuPercentSince}'s.
 */
public record ProcessUsage(ProcessSample sample) {

  public static Optional<ProcessUsage> read(long pid) {
    return ProcFs.host().sample(pid).map(ProcessUsage::new);
  }

  public long residentBytes() {
    return sample.residentBytes();
  }

  /** Share of the whole machine used since {@code earlier}, 0–100. */
  public double cpuPercentSince(ProcessUsage earlier, int cores) {
    return sample.cpuPercentSince(earlier.sample, cores);
  }
}
