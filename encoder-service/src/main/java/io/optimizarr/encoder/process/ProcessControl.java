package io.optimizarr.encoder.process;

import com.sun.jna.LastErrorException;
import io.optimizarr.proc.ProcFs;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Signals, scheduling (policy, nice level, I/O class) and CPU affinity for a process of ours and
 * all its threads. The kernel applies each of these per thread, so they are set on every id in
 * {@code /proc/PID/task}. Each call names an {@link OwnProcess} and acts only while its pid still
 * names that process alive: a process that has exited is not an error, and a pid the kernel has
 * given to another process since is never signalled. Thread-safe.
 */
public final class ProcessControl {

  /** Stops the whole process (every thread goes to state T); false when it is gone. */
  public boolean stop(OwnProcess process) {
    return signal(process, Libc.SIGSTOP);
  }

  public boolean resume(OwnProcess process) {
    return signal(process, Libc.SIGCONT);
  }

  public boolean terminate(OwnProcess process) {
    return signal(process, Libc.SIGTERM);
  }

  public boolean kill(OwnProcess process) {
    return signal(process, Libc.SIGKILL);
  }

  /**
   * Sets the policy, nice level and I/O class of every thread of the process. What the kernel
   * refuses (a non-root encoder cannot leave the idle class or lower its nice level) is given back,
   * once per kind, and the rest is still set; a thread that exits meanwhile is no refusal.
   */
  public Set<Refusal> schedule(OwnProcess process, Scheduling scheduling) {
    var refused = new LinkedHashSet<Refusal>();
    if (!process.isAlive()) {
      return refused;
    }
    int[] param = {0};
    forEveryThread(
        process.pid(),
        tid -> {
          try {
            Libc.C.sched_setscheduler(tid, scheduling.policy().number, param);
          } catch (LastErrorException e) {
            refusedUnlessGone(e, "sched_setscheduler(" + scheduling.policy() + ")", tid, refused);
          }
          try {
            Libc.C.setpriority(Libc.PRIO_PROCESS, tid, scheduling.nice());
          } catch (LastErrorException e) {
            refusedUnlessGone(e, "setpriority(" + scheduling.nice() + ")", tid, refused);
          }
          if (IoClass.SYSCALL.isPresent()) {
            try {
              Libc.C.syscall(
                  IoClass.SYSCALL.getAsLong(),
                  Libc.IOPRIO_WHO_PROCESS,
                  tid,
                  scheduling.io().ioprio());
            } catch (LastErrorException e) {
              refusedUnlessGone(e, "ioprio_set(" + scheduling.io() + ")", tid, refused);
            }
          }
        });
    return refused;
  }

  /** Pins every thread of the process to the given cores. */
  public void pin(OwnProcess process, CpuAffinity affinity) {
    if (!process.isAlive()) {
      return;
    }
    long[] mask = affinity.mask(Libc.CPU_SET_WORDS);
    forEveryThread(
        process.pid(),
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

  /**
   * Sends {@code signal} when the pid still names the process; false when it does not (exited, or
   * the pid given to another). Between the check and the signal the process would have to exit, be
   * reaped and its pid go round the whole pid space to another: the check is what makes a stale pid
   * harmless.
   */
  private static boolean signal(OwnProcess process, int signal) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      Libc.C.kill(Math.toIntExact(process.pid()), signal);
      return true;
    } catch (LastErrorException e) {
      rethrowUnlessGone(e, "kill", process.pid());
      return false;
    }
  }

  /** A refusal is kept; a thread that is gone is not one; anything else is a bug here. */
  private static void refusedUnlessGone(
      LastErrorException e, String call, long tid, Set<Refusal> refused) {
    if (e.getErrorCode() == Libc.EPERM || e.getErrorCode() == Libc.EACCES) {
      refused.add(new Refusal(call, e.getErrorCode()));
    } else {
      rethrowUnlessGone(e, call, tid);
    }
  }

  private static void rethrowUnlessGone(LastErrorException e, String call, long id) {
    if (e.getErrorCode() != Libc.ESRCH) {
      throw new IllegalStateException(call + "(" + id + ") failed: errno " + e.getErrorCode(), e);
    }
  }
}
