package io.optimizarr.monitor.stream;

import static io.optimizarr.monitor.stream.SnapshotFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.model.ResourceSnapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotHistoryTest {

  private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void shouldKeepTheNewestUpToItsCapacityOldestFirst() {
    var history = new SnapshotHistory(3);
    for (int seq = 1; seq <= 5; seq++) {
      history.add(snapshot(seq, T0.plusSeconds(seq)));
    }

    assertThat(history.since(Instant.EPOCH))
        .extracting(ResourceSnapshot::seq)
        .containsExactly(3L, 4L, 5L);
    assertThat(history.size()).isEqualTo(3);
  }

  @Test
  void shouldGiveOnlyTheSnapshotsSinceTheCutOff() {
    var history = new SnapshotHistory(10);
    for (int seq = 1; seq <= 5; seq++) {
      history.add(snapshot(seq, T0.plusSeconds(seq)));
    }

    assertThat(history.since(T0.plusSeconds(4)))
        .extracting(ResourceSnapshot::seq)
        .containsExactly(4L, 5L);
  }
}
