package io.optimizarr.monitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.model.ResourceSnapshot;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Snapshots as JSON text. Every stream without a process filter sends the same text for the same
 * snapshot, so that text is made once per sample rather than once per subscriber.
 */
@Singleton
public class SnapshotJson {

  private record Written(long seq, String json) {}

  private final ObjectMapper json;
  private final AtomicReference<Written> shared = new AtomicReference<>(new Written(-1, null));

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

  String write(ResourceSnapshot snapshot) {
    try {
      return json.writeValueAsString(snapshot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a snapshot could not be written as JSON", e);
    }
  }
}
