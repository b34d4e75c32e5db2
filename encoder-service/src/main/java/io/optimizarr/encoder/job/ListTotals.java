package io.optimizarr.encoder.job;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The totals of the job list, per filter: counted on every request while a list is small, and
 * reused for up to {@link #MAX_AGE} once it holds {@link #EXACT_BELOW} jobs or more, where a count
 * reads the whole table (about 20 ms for 100,000 jobs) and the pages themselves come from an index.
 * A large list's total may so lag by two seconds. Thread-safe.
 */
final class ListTotals {

  static final long EXACT_BELOW = 10_000;
  static final Duration MAX_AGE = Duration.ofSeconds(2);

  private record Counted(long total, long atNanos) {}

  private final Map<String, Counted> totals = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  ListTotals(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** The total of the list {@code filter} names, from {@code count} or from an earlier count. */
  Uni<Long> total(String filter, Supplier<Uni<Long>> count) {
    Counted known = totals.get(filter);
    long now = nanoTime.getAsLong();
    if (known != null
        && known.total() >= EXACT_BELOW
        && now - known.atNanos() < MAX_AGE.toNanos()) {
      return Uni.createFrom().item(known.total());
    }
    return count.get().invoke(total -> totals.put(filter, new Counted(total, now)));
  }
}
