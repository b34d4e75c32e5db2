package io.optimizarr.encoder.queue;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a job's result goes: {@code beside} the input (a new file, the input kept where it is), or
 * {@code replace}: in the input's own place, the original kept in the root's recycle folder for the
 * job's recycle days. Fixed on the job when it is queued. Stored and sent as its {@link #wire}
 * name.
 */
public enum OutputMode {
  BESIDE,
  REPLACE;

  /** The name in JSON and in the database. */
  public String wire() {
    return name().toLowerCase();
  }

  /** The mode of that wire name; empty for anything else (null included). */
  public static Optional<OutputMode> byWire(String name) {
    return Arrays.stream(values()).filter(m -> m.wire().equals(name)).findFirst();
  }

  /** The wire names, for error messages. */
  public static String wireNames() {
    return Arrays.stream(values()).map(OutputMode::wire).toList().toString();
  }
}
