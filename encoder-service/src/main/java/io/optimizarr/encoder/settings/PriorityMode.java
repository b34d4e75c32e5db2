package io.optimizarr.encoder.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How encodes yield the CPU (docs/ENCODER.md, what protects the machine). Nice levels rank threads
 * only inside one autogroup or cgroup: beside a foreground in a session or cgroup of its own, a
 * nice-10 encode takes an equal share.
 */
public enum PriorityMode {
  /**
   * The kernel's idle class ({@code SCHED_IDLE}) at nice 19 and the idle I/O class, in a session of
   * its own whose autogroup is at nice 19, and in an idle cgroup where the node may make one: the
   * encode runs on cycles nobody else wants. The nice level setting does not apply.
   */
  IDLE,
  /** The nice level of the settings (or the profile), in this service's session and cgroup. */
  NICE;

  /** The mode a client named, in any case; empty for anything else. */
  public static Optional<PriorityMode> named(String name) {
    String given = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.name().equals(given)).findFirst();
  }
}
