package io.optimizarr.encoder.process;

import io.optimizarr.proc.ProcFs;
import java.util.Optional;

/**
 * One process as the kernel knows it: its pid and when it started. Once a process has exited and
 * been reaped the kernel may give its pid to another; that one has a later start, so a signal meant
 * for this process is never sent to it ({@link ProcessControl} checks before each).
 */
public record OwnProcess(long pid, long startTicks) {

  /** The process that has {@code pid} now, if one has. */
  public static Optional<OwnProcess> at(long pid) {
    return ProcFs.host().startTicks(pid).map(start -> new OwnProcess(pid, start));
  }

  /** Whether {@code pid} still names this process, and it has not exited (a zombie has). */
  public boolean isAlive() {
    return ProcFs.host().startTicks(pid).filter(start -> start == startTicks).isPresent()
        && ProcFs.host().stat(pid).filter(stat -> stat.state() != 'Z').isPresent();
  }
}
