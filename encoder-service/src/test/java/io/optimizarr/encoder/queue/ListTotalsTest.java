package io.optimizarr.encoder.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ListTotalsTest {

  private final AtomicLong clock = new AtomicLong();
  private final ListTotals totals = new ListTotals(clock::get);
  private final AtomicInteger counts = new AtomicInteger();

  private long total(String filter, long actual) {
    return totals
        .total(
            filter,
            () -> {
              counts.incrementAndGet();
              return Uni.createFrom().item(actual);
            })
        .await()
        .indefinitely();
  }

  @Test
  void shouldCountASmallListEveryTime() {
    assertThat(total("", 12)).isEqualTo(12);
    assertThat(total("", 13)).isEqualTo(13);
    assertThat(counts).hasValue(2);
  }

  @Test
  void shouldReuseALargeListsTotalForTwoSecondsPerFilter() {
    assertThat(total("", 100_000)).isEqualTo(100_000);
    clock.addAndGet(Duration.ofMillis(1_900).toNanos());
    assertThat(total("", 100_001)).isEqualTo(100_000);
    assertThat(total("FAILED", 20_000)).as("another filter").isEqualTo(20_000);
    assertThat(counts).hasValue(2);
  }

  @Test
  void shouldAnswerAnOldLargeTotalAtOnceAndRecountItBehind() {
    assertThat(total("", 100_000)).isEqualTo(100_000);
    clock.addAndGet(Duration.ofMillis(2_100).toNanos());

    assertThat(total("", 100_002)).as("answered before the recount").isEqualTo(100_000);
    assertThat(counts).hasValue(2);
    assertThat(total("", 100_003)).as("the recount's figure").isEqualTo(100_002);
    assertThat(counts).hasValue(2);
  }

  @Test
  void shouldRecountOnceHoweverManyAskMeanwhile() {
    assertThat(total("", 100_000)).isEqualTo(100_000);
    clock.addAndGet(Duration.ofSeconds(3).toNanos());
    var pending = new AtomicInteger();
    for (int i = 0; i < 50; i++) {
      long answer =
          totals
              .total(
                  "",
                  () -> {
                    pending.incrementAndGet();
                    return Uni.createFrom().emitter(never -> {});
                  })
              .await()
              .indefinitely();
      assertThat(answer).isEqualTo(100_000);
    }
    assertThat(pending).as("counts started while one runs").hasValue(1);
  }
}
