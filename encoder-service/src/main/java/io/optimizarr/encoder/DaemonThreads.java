package io.optimizarr.encoder;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The encoder's background loops: each on one named daemon thread, so none holds up a stop. */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A single-thread scheduler whose thread is called {@code name}. */
  public static ScheduledExecutorService single(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}
