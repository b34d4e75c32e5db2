package io.optimizarr.encoder.process;

import com.sun.jna.LastErrorException;
import io.optimizarr.proc.ProcFs;
import java.util.HashSet;
import java.util.function.IntConsumer;

/**
 * Signals, nice level and CPU affinity for a process and all its threads. The kernel applies nice
 * and affinity per thread, so both are set on every id in {@code /proc/PID/task}. A process that
 * has exited meanwhile is not an error. Thread-safe.
 */
public final class ProcessControl {

  private static final int ESRCH = 3;

  /** Stops the whole process (every thread goes to state T). */
  public void stop(long pid) {
    signal(pid, Libc.SIGSTOP);
  }

  public void resume(long pid) {
    signal(pid, Libc.SIGCONT);
  }

  public void terminate(long pid) {
    signal(pid, Libc.SIGTERM);
  }

  public void kill(long pid) {
    signal(pid, Libc.SIGKILL);
  }

  /** Sets the nice level (0–19) of every thread of the process. */
  public void nice(long pid, int level) {
    forEveryThread(
        pid,
        tid -> {
          try {
            Libc.C.setpriority(Libc.PRIO_PROCESS, tid, level);
          } catch (LastErrorException e) {
            rethrowUnlessGone(e, "setpriority", tid);
          }
        });
  }

  /** Pins every thread of the process to the given cores. */
  public void pin(long pid, CpuAffinity affinity) {
    long[] mask = affinity.mask(Libc.CPU_SET_WORDS);
    forEveryThread(
        pid,
        tid -> {
          try {
            Libc.C.sched_setaffinity(tid, Libc.CPU_SET_WORDS * 8L, mask);
          } catch (LastErrorException e) {
            rethrowUnlessGone(e, "sched_setaffinity", tid);
          }
        });
  }

  /**
   * Applies {@code action} to every thread of the process. A thread that a thread not yet reached
   * starts meanwhile would be missed (and keep the old level or cores), so this passes again until
   * a listing shows no thread it has not reached: any thread started after that comes from one it
   * has, and inherits what was set.
   */
  private static void forEveryThread(long pid, IntConsumer action) {
    var reached = new HashSet<Integer>();
    for (int pass = 0; pass < 10; pass++) {
      boolean more = false;
      for (int tid : ProcFs.host().threads(pid)) {
        if (reached.add(tid)) {
          more = true;
          action.accept(tid);
        }
      }
      if (!more) {
        return;
      }
    }
  }

  private static void signal(long pid, int signal) {
    try {
      Libc.C.kill(Math.toIntExact(pid), signal);
    } catch (LastErrorException e) {
      rethrowUnlessGone(e, "kill", pid);
    }
  }

  private static void rethrowUnlessGone(LastErrorException e, String call, long id) {
    if (e.getErrorCode() != ESRCH) {
      throw new IllegalStateException(call + "(" + id + ") failed: errno " + e.getErrorCode(), e);
    }
  }
}
