package io.optimizarr.encoder.job;

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
    clock.addAndGet(Duration.ofMillis(200).toNanos());
    assertThat(total("", 100_002)).isEqualTo(100_002);
    assertThat(counts).hasValue(3);
  }
}
