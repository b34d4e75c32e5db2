package io.optimizarr.monitor.host;

import java.util.Optional;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** Reads single processes through OSHI. Thread-safe. */
public final class ProcessReader {

  private final OperatingSystem os;

  public ProcessReader(OperatingSystem os) {
    this.os = os;
  }

  /** The process now, or empty when it does not exist (or has just exited). */
  public Optional<ProcessReading> read(long pid) {
    if (pid <= 0 || pid > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    OSProcess process = os.getProcess((int) pid);
    if (process == null || process.getState() == OSProcess.State.INVALID) {
      return Optional.empty();
    }
    return Optional.of(
        new ProcessReading(
            pid,
            process.getKernelTime() + process.getUserTime(),
            process.getResidentMemory(),
            stateLetter(process.getState())));
  }

  static String stateLetter(OSProcess.State state) {
    return switch (state) {
      case RUNNING -> "R";
      case SLEEPING -> "S";
      case WAITING -> "D";
      case STOPPED, SUSPENDED -> "T";
      case ZOMBIE -> "Z";
      default -> "?";
    };
  }
}
