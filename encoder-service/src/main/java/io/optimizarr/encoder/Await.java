package io.optimizarr.encoder;

import java.time.Duration;

/** How long the background loops wait for the database. */
public final class Await {

  /**
   * A step that waits longer fails, so a database that stopped answering ends one step of a loop
   * instead of hanging it.
   */
  public static final Duration DATABASE = Duration.ofSeconds(30);

  private Await() {}
}
