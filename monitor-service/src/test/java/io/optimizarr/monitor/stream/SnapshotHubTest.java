package io.optimizarr.monitor.stream;

import static io.optimizarr.monitor.stream.SnapshotFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.model.ResourceSnapshot;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotHubTest {

  private final SnapshotHub hub = new SnapshotHub();

  @Test
  void shouldGiveANewSubscriberTheLatestSnapshotAtOnce() {
    hub.publish(snapshot(1, Instant.EPOCH));
    hub.publish(snapshot(2, Instant.EPOCH));

    var subscriber = hub.subscribe().subscribe().withSubscriber(AssertSubscriber.create(10));

    assertThat(subscriber.getItems()).extracting(ResourceSnapshot::seq).containsExactly(2L);
  }

  @Test
  void shouldHandEverySnapshotToEverySubscriber() {
    var first = hub.subscribe().subscribe().withSubscriber(AssertSubscriber.create(10));
    var second = hub.subscribe().subscribe().withSubscriber(AssertSubscriber.create(10));

    hub.publish(snapshot(1, Instant.EPOCH));
    hub.publish(snapshot(2, Instant.EPOCH));

    assertThat(first.getItems()).extracting(ResourceSnapshot::seq).containsExactly(1L, 2L);
    assertThat(second.getItems()).extracting(ResourceSnapshot::seq).containsExactly(1L, 2L);
  }

  @Test
  void shouldLetASlowSubscriberSkipToTheNewestSnapshot() {
    var slow = hub.subscribe().subscribe().withSubscriber(AssertSubscriber.create(0));
    for (int seq = 1; seq <= 50; seq++) {
      hub.publish(snapshot(seq, Instant.EPOCH));
    }

    slow.request(1);

    assertThat(slow.getItems()).extracting(ResourceSnapshot::seq).containsExactly(50L);
  }

  @Test
  void shouldReleaseASubscriberThatCancels() {
    var subscriber = hub.subscribe().subscribe().withSubscriber(AssertSubscriber.create(10));
    assertThat(hub.subscriberCount()).isEqualTo(1);

    subscriber.cancel();

    assertThat(hub.subscriberCount()).isZero();
  }
}
