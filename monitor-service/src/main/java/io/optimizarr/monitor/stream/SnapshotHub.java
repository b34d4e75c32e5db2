package io.optimizarr.monitor.stream;

import io.optimizarr.model.ResourceSnapshot;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands every published snapshot to every subscriber. A new subscriber gets the latest snapshot at
 * once; a subscriber too slow to keep up skips to the newest one rather than queueing old ones.
 * Thread-safe.
 */
public final class SnapshotHub {

  private final Set<MultiEmitter<? super ResourceSnapshot>> subscribers =
      ConcurrentHashMap.newKeySet();
  private volatile ResourceSnapshot latest;

  public synchronized void publish(ResourceSnapshot snapshot) {
    latest = snapshot;
    for (MultiEmitter<? super ResourceSnapshot> subscriber : subscribers) {
      subscriber.emit(snapshot);
    }
  }

  public Multi<ResourceSnapshot> subscribe() {
    return Multi.createFrom()
        .emitter(
            emitter -> {
              emitter.onTermination(() -> subscribers.remove(emitter));
              synchronized (this) {
                subscribers.add(emitter);
                if (latest != null) {
                  emitter.emit(latest);
                }
              }
            },
            BackPressureStrategy.LATEST);
  }

  public Optional<ResourceSnapshot> latest() {
    return Optional.ofNullable(latest);
  }

  public int subscriberCount() {
    return subscribers.size();
  }
}
