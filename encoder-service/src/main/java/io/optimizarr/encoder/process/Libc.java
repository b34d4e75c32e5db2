package io.optimizarr.encoder.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The libc calls Optimizarr needs; each throws {@link LastErrorException} with errno. */
interface Libc extends Library {

  Libc C = Native.load("c", Libc.class);

  int SIGKILL = 9;
  int SIGTERM = 15;
  int SIGCONT = 18;
  int SIGSTOP = 19;
  int PRIO_PROCESS = 0;
  int IOPRIO_WHO_PROCESS = 1;
  int EPERM = 1;
  int ESRCH = 3;
  int EACCES = 13;

  /** {@code cpu_set_t} of glibc: 1024 CPUs. */
  int CPU_SET_WORDS = 16;

  int kill(int pid, int signal) throws LastErrorException;

  int setpriority(int which, int who, int priority) throws LastErrorException;

  int sched_setaffinity(int tid, long cpuSetSize, long[] mask) throws LastErrorException;

  /** {@code param} is {@code struct sched_param}: one int, the static priority (0 here). */
  int sched_setscheduler(int tid, int policy, int[] param) throws LastErrorException;

  /** For {@code ioprio_set}, which glibc has no wrapper for ({@link IoClass#SYSCALL}). */
  long syscall(long number, Object... args) throws LastErrorException;
}
