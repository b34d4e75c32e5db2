package io.optimizarr.encoder.queue;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The totals of the job list, per filter: counted on every request while a list is small; once it
 * holds {@link #EXACT_BELOW} jobs or more, where a count reads the whole table (20 ms for 100,000
 * jobs on an idle machine, far more on a busy one), the last total is answered at once and, when it
 * is older than {@link #MAX_AGE}, one count (never one per request) runs in the background to
 * replace it. A large list's total may so lag by a few seconds. Thread-safe.
 */
final class ListTotals {

  static final long EXACT_BELOW = 10_000;
  static final Duration MAX_AGE = Duration.ofSeconds(2);

  private record Counted(long total, long atNanos) {}

  private final Map<String, Counted> totals = new ConcurrentHashMap<>();
  private final Set<String> recounting = ConcurrentHashMap.newKeySet();
  private final LongSupplier nanoTime;

  ListTotals(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** The total of the list {@code filter} names, from {@code count} or from an earlier count. */
  Uni<Long> total(String filter, Supplier<Uni<Long>> count) {
    Counted known = totals.get(filter);
    if (known == null || known.total() < EXACT_BELOW) {
      long now = nanoTime.getAsLong();
      return count.get().invoke(total -> totals.put(filter, new Counted(total, now)));
    }
    if (nanoTime.getAsLong() - known.atNanos() >= MAX_AGE.toNanos() && recounting.add(filter)) {
      long now = nanoTime.getAsLong();
      count
          .get()
          .subscribe()
          .with(
              total -> {
                totals.put(filter, new Counted(total, now));
                recounting.remove(filter);
              },
              error -> {
                Log.debugf("Recounting the job list %s failed: %s", filter, error.getMessage());
                recounting.remove(filter);
              });
    }
    return Uni.createFrom().item(known.total());
  }
}
