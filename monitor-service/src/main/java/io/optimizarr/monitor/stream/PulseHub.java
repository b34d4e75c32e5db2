package io.optimizarr.monitor.stream;

import io.optimizarr.model.CpuPulse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands every pulse to the streams that asked for pulses. A pulse is news only while it is fresh,
 * so a new subscriber waits for the next one, and a subscriber too slow to keep up skips to the
 * newest. Thread-safe.
 */
public final class PulseHub {

  private final Set<MultiEmitter<? super CpuPulse>> subscribers = ConcurrentHashMap.newKeySet();

  public void publish(CpuPulse pulse) {
    for (MultiEmitter<? super CpuPulse> subscriber : subscribers) {
      subscriber.emit(pulse);
    }
  }

  public Multi<CpuPulse> subscribe() {
    return Multi.createFrom()
        .emitter(
            emitter -> {
              emitter.onTermination(() -> subscribers.remove(emitter));
              subscribers.add(emitter);
            },
            BackPressureStrategy.LATEST);
  }

  /** Whether anyone follows the pulses: nobody, and they are not taken. */
  public boolean followed() {
    return !subscribers.isEmpty();
  }
}
