package io.optimizarr.monitor.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.optimizarr.model.CpuPulse;
import io.optimizarr.model.ResourceSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/**
 * A server-sent-events client for tests: it opens one stream, parses {@code event}, {@code id} and
 * {@code data} lines and keeps every snapshot event and every pulse it receives.
 */
final class SseClient implements Flow.Subscriber<String>, AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  record Event(String name, String id, ResourceSnapshot snapshot, long receivedNanos) {}

  record Pulse(String id, CpuPulse pulse, long receivedNanos) {}

  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<Pulse> pulses = new CopyOnWriteArrayList<>();
  final CompletableFuture<HttpResponse<Void>> response;
  private volatile Flow.Subscription subscription;
  private String name;
  private String id;
  private final StringBuilder data = new StringBuilder();

  SseClient(HttpClient http, URI uri, String user, String password) {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    var request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Basic " + basic)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(30))
            .build();
    response = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this));
  }

  List<Long> seqs() {
    return events.stream().map(e -> e.snapshot().seq()).toList();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(String line) {
    if (line.isEmpty()) {
      if (data.length() > 0) {
        try {
          if ("pulse".equals(name)) {
            pulses.add(
                new Pulse(id, JSON.readValue(data.toString(), CpuPulse.class), System.nanoTime()));
          } else {
            events.add(
                new Event(
                    name,
                    id,
                    JSON.readValue(data.toString(), ResourceSnapshot.class),
                    System.nanoTime()));
          }
        } catch (Exception e) {
          throw new IllegalStateException("unreadable event data: " + data, e);
        }
      }
      name = null;
      id = null;
      data.setLength(0);
    } else if (line.startsWith("event:")) {
      name = line.substring(6).trim();
    } else if (line.startsWith("id:")) {
      id = line.substring(3).trim();
    } else if (line.startsWith("data:")) {
      data.append(line.substring(5).trim());
    }
  }

  @Override
  public void onError(Throwable throwable) {}

  @Override
  public void onComplete() {}

  @Override
  public void close() {
    if (subscription != null) {
      subscription.cancel();
    }
    response.cancel(true);
  }
}
