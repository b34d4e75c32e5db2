package io.optimizarr.monitor.stream;

import io.optimizarr.model.ResourceSnapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The latest snapshots, oldest first, up to a fixed count. Thread-safe. */
public final class SnapshotHistory {

  private final int capacity;
  private final ArrayDeque<ResourceSnapshot> ring;

  public SnapshotHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.ring = new ArrayDeque<>(capacity);
  }

  public synchronized void add(ResourceSnapshot snapshot) {
    if (ring.size() == capacity) {
      ring.removeFirst();
    }
    ring.addLast(snapshot);
  }

  /** The kept snapshots taken at or after {@code since}, oldest first. */
  public synchronized List<ResourceSnapshot> since(Instant since) {
    var result = new ArrayList<ResourceSnapshot>();
    for (ResourceSnapshot snapshot : ring) {
      if (!snapshot.timestamp().isBefore(since)) {
        result.add(snapshot);
      }
    }
    return result;
  }

  public synchronized int size() {
    return ring.size();
  }

  public int capacity() {
    return capacity;
  }
}
