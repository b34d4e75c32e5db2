package io.optimizarr.encoder.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This service and the helpers it runs beside its encodes (ffprobe, a picture taken out of a file):
 * load of ours, never foreign, so the governor counts them with the encodes. A helper is known from
 * its start ({@link #started}) until it exits; listing them reads no {@code /proc} (a scan of every
 * process's parent, five times a second, would cost a busy host more than the encodes' own
 * judgement). Thread-safe.
 */
public final class ServiceProcesses {

  private static final long SELF = ProcessHandle.current().pid();
  private static final Set<Process> HELPERS = ConcurrentHashMap.newKeySet();

  private ServiceProcesses() {}

  /** Counts a helper this service has just started as ours while it runs; gives it back. */
  public static Process started(Process helper) {
    HELPERS.add(helper);
    helper.onExit().thenRun(() -> HELPERS.remove(helper));
    return helper;
  }

  /** This service's pid, then its running helpers'. */
  public static List<Long> pids() {
    var pids = new ArrayList<Long>(HELPERS.size() + 1);
    pids.add(SELF);
    for (Process helper : HELPERS) {
      if (helper.isAlive()) {
        pids.add(helper.pid());
      }
    }
    return pids;
  }
}
