import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens N server-sent-event streams (the monitor's, or the encoder's /api/events) on loopback for a
 * bounded time and reports the delivery lag of every snapshot: receipt time minus the snapshot's own
 * timestamp; and how many streams failed or ended early.
 *
 * <p>Usage: java SseLoad.java URL USER:PASSWORD SUBSCRIBERS SECONDS
 */
public class SseLoad {

  private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String auth = "Basic " + Base64.getEncoder().encodeToString(args[1].getBytes(StandardCharsets.UTF_8));
    int subscribers = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);

    var lagsMillis = new ConcurrentLinkedQueue<Double>();
    var connected = new AtomicInteger();
    var failed = new AtomicInteger();
    var ended = new AtomicInteger();
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    var streams = new ArrayList<CompletableFuture<HttpResponse<Void>>>();
    var subscriptions = new ConcurrentLinkedQueue<Flow.Subscription>();
    for (int i = 0; i < subscribers; i++) {
      var request = HttpRequest.newBuilder(uri).header("Authorization", auth).header("Accept", "text/event-stream").build();
      streams.add(
          http.sendAsync(
              request,
              HttpResponse.BodyHandlers.fromLineSubscriber(
                  new Flow.Subscriber<String>() {
                    boolean first = true;

                    public void onSubscribe(Flow.Subscription s) {
                      subscriptions.add(s);
                      connected.incrementAndGet();
                      s.request(Long.MAX_VALUE);
                    }

                    public void onNext(String line) {
                      if (!line.startsWith("data:")) {
                        return;
                      }
                      Matcher m = TIMESTAMP.matcher(line);
                      if (m.find()) {
                        double lag = Duration.between(Instant.parse(m.group(1)), Instant.now()).toNanos() / 1e6;
                        // The first event is the latest snapshot handed over on connect, not a fresh delivery.
                        if (!first) {
                          lagsMillis.add(lag);
                        }
                        first = false;
                      }
                    }

                    public void onError(Throwable t) {
                      failed.incrementAndGet();
                    }

                    public void onComplete() {
                      ended.incrementAndGet();
                    }
                  })));
    }
    Thread.sleep(seconds * 1000);
    int failedStreams = failed.get() + streams.stream().mapToInt(s -> s.isCompletedExceptionally() ? 1 : 0).sum();
    int endedStreams = ended.get();
    subscriptions.forEach(Flow.Subscription::cancel);
    streams.forEach(s -> s.cancel(true));

    List<Double> sorted = new ArrayList<>(lagsMillis);
    sorted.sort(Double::compare);
    System.out.printf(
        "subscribers=%d failed=%d ended=%d events=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
        connected.get(), failedStreams, endedStreams, sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
        sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
    System.exit(0);
  }

  private static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }
}
