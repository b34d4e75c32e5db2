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

  /** {@code cpu_set_t} of glibc: 1024 CPUs. */
  int CPU_SET_WORDS = 16;

  int kill(int pid, int signal) throws LastErrorException;

  int setpriority(int which, int who, int priority) throws LastErrorException;

  int sched_setaffinity(int tid, long cpuSetSize, long[] mask) throws LastErrorException;
}
