package io.optimizarr.monitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.model.CpuPulse;
import io.optimizarr.model.ResourceSnapshot;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Snapshots and pulses as JSON text. Every stream without a process filter sends the same text for
 * the same snapshot, and every stream that asked for pulses the same text for a pulse, so each text
 * is made once rather than once per subscriber.
 */
@Singleton
public class SnapshotJson {

  private record Written(long seq, String json) {}

  private final ObjectMapper json;
  private final AtomicReference<Written> shared = new AtomicReference<>(new Written(-1, null));
  private final AtomicReference<Written> pulse = new AtomicReference<>(new Written(-1, null));

  SnapshotJson(ObjectMapper json) {
    this.json = json;
  }

  /** The snapshot without process figures, written once per seq. */
  String shared(ResourceSnapshot snapshot) {
    Written last = shared.get();
    if (last.seq() == snapshot.seq()) {
      return last.json();
    }
    var written = new Written(snapshot.seq(), write(snapshot));
    shared.set(written);
    return written.json();
  }

  /** A pulse, written once per seq. */
  String pulse(CpuPulse p) {
    Written last = pulse.get();
    if (last.seq() == p.seq()) {
      return last.json();
    }
    var written = new Written(p.seq(), text(p));
    pulse.set(written);
    return written.json();
  }

  String write(ResourceSnapshot snapshot) {
    return text(snapshot);
  }

  private String text(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a figure could not be written as JSON", e);
    }
  }
}
