package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.settings.ReleaseCause;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the governor pauses an encode: it stops it (SIGSTOP: resumed in an instant, keeping its
 * memory, VRAM and encoder sessions), or it releases it (a segmented encode's ffmpeg ended, the
 * chunk it was in encoded again on resume, freeing all of that). Pure.
 */
public enum PauseKind {
  STOP,
  RELEASE;

  /**
   * A release when one of {@code reasons} has a cause the settings release on, else a stop. The
   * encode decides in the end: only a segmented one that is encoding a chunk can be released.
   */
  public static PauseKind of(List<Reason> reasons, Set<ReleaseCause> releaseOn) {
    return reasons.stream()
            .map(r -> releaseCause(r.cause()))
            .anyMatch(c -> c.isPresent() && releaseOn.contains(c.get()))
        ? RELEASE
        : STOP;
  }

  /** The release setting a cause falls under, if any. */
  static Optional<ReleaseCause> releaseCause(Cause cause) {
    if (cause == Resource.MEMORY) {
      return Optional.of(ReleaseCause.MEMORY);
    }
    if (cause == Resource.GPU) {
      return Optional.of(ReleaseCause.GPU);
    }
    if (cause == Cause.Circumstance.WINDOW_CLOSED) {
      return Optional.of(ReleaseCause.WINDOW);
    }
    return Optional.empty();
  }
}
