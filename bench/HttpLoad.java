import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends GET requests over HTTP/1.1 at a constant rate (an open model: a slow answer does not
 * delay the next request), cycling through the URLs of a file: first WARMUP seconds unreported (the
 * server's and this program's JIT), then RUNS runs of SECONDS, each reported on a line of its own
 * with the latency of each request from the moment it was due, so queueing counts.
 *
 * <p>Usage: java HttpLoad.java RATE WARMUP SECONDS RUNS URL_FILE [HEADER: VALUE]...
 */
public class HttpLoad {

  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int runs = Integer.parseInt(args[3]);
    List<String> urls = Files.readAllLines(Path.of(args[4]));
    var headers = new ArrayList<String>();
    for (int i = 5; i < args.length; i++) {
      String[] header = args[i].split(": ", 2);
      headers.add(header[0]);
      headers.add(header[1]);
    }
    var http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    run(http, urls, headers, rate, warmup);
    for (int run = 1; run <= runs; run++) {
      System.out.println(run(http, urls, headers, rate, seconds));
    }
    System.exit(0);
  }

  private static String run(
      HttpClient http, List<String> urls, List<String> headers, int rate, int seconds)
      throws Exception {
    var latencies = new ConcurrentLinkedQueue<Double>();
    var statuses = new ConcurrentLinkedQueue<String>();
    var scheduler = Executors.newScheduledThreadPool(2);
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    int total = rate * seconds;
    for (int i = 0; i < total; i++) {
      long due = start + i * periodNanos;
      var builder = HttpRequest.newBuilder(URI.create(urls.get(i % urls.size()))).timeout(Duration.ofSeconds(10));
      if (!headers.isEmpty()) {
        builder.headers(headers.toArray(String[]::new));
      }
      HttpRequest request = builder.build();
      scheduler.schedule(
          () ->
              http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                  .whenComplete(
                      (response, error) -> {
                        latencies.add((System.nanoTime() - due) / 1e6);
                        statuses.add(error != null ? error.getClass().getSimpleName() : String.valueOf(response.statusCode()));
                      }),
          due - System.nanoTime(),
          TimeUnit.NANOSECONDS);
    }
    scheduler.shutdown();
    scheduler.awaitTermination(seconds + 60, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (latencies.size() < total && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Map<String, Integer> counts = new TreeMap<>();
    statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
    return String.format(
        "requests=%d answered=%d rate=%d/s p50=%.1fms p99=%.1fms max=%.1fms statuses=%s",
        total,
        sorted.length,
        rate,
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
        counts);
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
