import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bursty foreground: bursts of CPU work on every core with sleeps between, timed burst by burst,
 * standing in for a game's level loads, a build's compile steps or a page render. Each burst hands
 * one fixed amount of work (WORK loop iterations) to each of CORES threads and ends when the last
 * is done; a burst that finishes before the encode's governor has seen two hot samples is what a
 * sampling governor cannot protect, and only the scheduler can.
 *
 * <p>Usage: {@code java Bursts.java calibrate MILLIS} prints the WORK that takes about MILLIS on
 * one core of this machine, unloaded; {@code java Bursts.java run WORK BURSTS PAUSE_MILLIS WARMUP}
 * runs WARMUP unreported bursts (the JIT), then BURSTS bursts PAUSE_MILLIS apart, and prints
 * {@code bursts=N median_ms=… p90_ms=… max_ms=…}.
 */
public class Bursts {

  private static volatile long sink;

  public static void main(String[] args) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      if (args[0].equals("calibrate")) {
        System.out.println(calibrate(pool, cores, Long.parseLong(args[1])));
      } else {
        long work = Long.parseLong(args[1]);
        int bursts = Integer.parseInt(args[2]);
        long pause = Long.parseLong(args[3]);
        int warmup = Integer.parseInt(args[4]);
        for (int i = 0; i < warmup; i++) {
          burst(pool, cores, work);
          Thread.sleep(pause);
        }
        double[] millis = new double[bursts];
        for (int i = 0; i < bursts; i++) {
          millis[i] = burst(pool, cores, work) / 1e6;
          Thread.sleep(pause);
        }
        Arrays.sort(millis);
        System.out.printf(
            "bursts=%d median_ms=%.1f p90_ms=%.1f max_ms=%.1f%n",
            bursts, percentile(millis, 50), percentile(millis, 90), millis[bursts - 1]);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Doubles the work until a warmed-up burst takes at least the target, then scales it to it. */
  private static long calibrate(ExecutorService pool, int cores, long targetMillis)
      throws Exception {
    long work = 1_000_000;
    for (int i = 0; i < 20; i++) {
      burst(pool, cores, work);
    }
    while (true) {
      long[] nanos = new long[5];
      for (int i = 0; i < nanos.length; i++) {
        nanos[i] = burst(pool, cores, work);
      }
      Arrays.sort(nanos);
      long median = nanos[nanos.length / 2];
      if (median >= targetMillis * 1_000_000L / 4) {
        return work * targetMillis * 1_000_000L / median;
      }
      work *= 2;
    }
  }

  /** One burst: WORK iterations on each of CORES threads; its wall time in nanoseconds. */
  private static long burst(ExecutorService pool, int cores, long work) throws Exception {
    long start = System.nanoTime();
    List<Future<Long>> parts = new ArrayList<>(cores);
    for (int i = 0; i < cores; i++) {
      long seed = start + i;
      parts.add(pool.submit(() -> spin(seed, work)));
    }
    long total = 0;
    for (Future<Long> part : parts) {
      total += part.get();
    }
    sink = total;
    return System.nanoTime() - start;
  }

  /** A xorshift chain: pure CPU, no memory traffic, not foldable by the JIT. */
  private static long spin(long seed, long iterations) {
    long x = seed | 1;
    for (long i = 0; i < iterations; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
