package io.optimizarr.encoder.events;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which event streams each user has open, at most {@code perUser} at once. Pure and thread-safe:
 * the caller opens a stream with a handle of its own and closes it when the stream ends.
 *
 * @param <H> what the caller uses to end a stream
 */
final class OpenStreams<H> {

  private final int perUser;
  private final Map<String, Set<H>> open = new HashMap<>();

  OpenStreams(int perUser) {
    this.perUser = perUser;
  }

  /** Adds {@code handle} for {@code username}; false, and nothing added, when at the cap. */
  synchronized boolean open(String username, H handle) {
    Set<H> theirs = open.computeIfAbsent(username, u -> new HashSet<>());
    if (theirs.size() >= perUser) {
      if (theirs.isEmpty()) {
        open.remove(username);
      }
      return false;
    }
    theirs.add(handle);
    return true;
  }

  synchronized void closed(String username, H handle) {
    Set<H> theirs = open.get(username);
    if (theirs != null && theirs.remove(handle) && theirs.isEmpty()) {
      open.remove(username);
    }
  }

  /** Every open handle of {@code username}, to end them; they stay counted until closed. */
  synchronized Set<H> of(String username) {
    return Set.copyOf(open.getOrDefault(username, Set.of()));
  }
}
