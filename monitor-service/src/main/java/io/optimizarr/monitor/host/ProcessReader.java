package io.optimizarr.monitor.host;

import io.optimizarr.proc.ProcFs;
import java.util.Optional;

/** Reads single processes from {@code /proc}. Thread-safe. */
public final class ProcessReader {

  private final ProcFs proc;

  public ProcessReader(ProcFs proc) {
    this.proc = proc;
  }

  /** The process now, or empty when it does not exist (or has just exited). */
  public Optional<ProcessReading> read(long pid) {
    if (pid <= 0 || pid > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return proc.sample(pid)
        .map(
            s -> new ProcessReading(pid, s.cpuMillis(), s.residentBytes(), stateLetter(s.state())));
  }

  /**
   * The states a client acts on, as the kernel writes them; the rarer ones (idle kernel threads,
   * tracing stops, dead) read as "?".
   */
  static String stateLetter(char state) {
    return switch (state) {
      case 'R', 'S', 'D', 'T', 'Z' -> String.valueOf(state);
      default -> "?";
    };
  }
}
