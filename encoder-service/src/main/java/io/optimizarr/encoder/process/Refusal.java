package io.optimizarr.encoder.process;

/**
 * A change the kernel refused for a thread: a non-root encoder may not leave the idle class or
 * lower its nice level. That part stays as it was; the encode goes on.
 *
 * @param call the call and what it asked, such as {@code sched_setscheduler(OTHER)}
 * @param errno the kernel's error number (1 EPERM, 13 EACCES)
 */
public record Refusal(String call, int errno) {

  /** Says it plainly, for the log. */
  public String text() {
    return call
        + " was refused ("
        + (errno == Libc.EACCES ? "EACCES" : errno == Libc.EPERM ? "EPERM" : "errno " + errno)
        + "): this service may not do that without privileges";
  }
}
