package io.optimizarr.encoder.alert;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Delivers payloads to webhooks: records each delivery, POSTs it (signed when the webhook has a
 * secret), and retries with back-off until a 2xx answer or the last attempt; every attempt's
 * outcome is stored, so admins see it. Deliveries this node left pending when it stopped are taken
 * up again when it starts.
 */
@ApplicationScoped
public class Deliveries {

  private static final int MAX_ERROR = 500;

  private final WebhookStore store;
  private final NodeIdentity node;
  private final Clock clock;
  private final Backoff backoff;
  private final Duration timeout;
  private final HttpClient http;
  private ScheduledExecutorService retries;

  Deliveries(WebhookStore store, NodeIdentity node, Clock clock, EncoderConfig config) {
    this.store = store;
    this.node = node;
    this.clock = clock;
    this.backoff =
        new Backoff(config.webhooks().retryAfter(), Math.max(1, config.webhooks().maxAttempts()));
    this.timeout = config.webhooks().timeout();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  void start(@Observes StartupEvent event) {
    retries = DaemonThreads.single("optimizarr-webhooks");
    try {
      var pending = store.pending(node.name()).await().atMost(Await.DATABASE);
      if (!pending.isEmpty()) {
        var webhooks =
            store.all().await().atMost(Await.DATABASE).stream()
                .collect(Collectors.toMap(Webhook::id, w -> w));
        for (var d : pending) {
          Webhook webhook = webhooks.get(d.webhookId());
          if (webhook != null) {
            schedule(
                webhook,
                d.id(),
                AlertEvent.byName(d.event()).orElse(AlertEvent.TEST),
                d.payload(),
                d.attempts() + 1,
                Duration.ZERO);
          }
        }
      }
      if (!pending.isEmpty()) {
        Log.infof("Taking up %d webhook deliveries left pending", pending.size());
      }
    } catch (RuntimeException e) {
      Log.warnf("Could not read pending webhook deliveries: %s", e.getMessage());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (retries != null) {
      retries.shutdownNow();
    }
  }

  /** Records a delivery of {@code payload} and sends it; gives the delivery's id. */
  public Uni<Long> send(Webhook webhook, AlertEvent event, String payload) {
    return store
        .newDelivery(webhook.id(), node.name(), event, payload)
        .invoke(id -> schedule(webhook, id, event, payload, 1, Duration.ZERO));
  }

  private void schedule(
      Webhook webhook, long id, AlertEvent event, String payload, int attempt, Duration wait) {
    if (retries == null || retries.isShutdown()) {
      return;
    }
    retries.schedule(
        () -> attempt(webhook, id, event, payload, attempt),
        wait.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void attempt(Webhook webhook, long id, AlertEvent event, String payload, int attempt) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    var request =
        HttpRequest.newBuilder(URI.create(webhook.url()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Optimizarr")
            .header("X-Optimizarr-Event", event.wireName())
            .header("X-Optimizarr-Delivery", Long.toString(id))
            .header(Signature.TIMESTAMP_HEADER, timestamp);
    if (webhook.secret() != null) {
      request.header(Signature.HEADER, Signature.of(webhook.secret(), timestamp, payload));
    }
    http.sendAsync(
            request.POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
            HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              Integer status = response == null ? null : response.statusCode();
              boolean delivered = status != null && status >= 200 && status < 300;
              String why =
                  delivered
                      ? null
                      : error != null ? describe(error) : "the receiver answered HTTP " + status;
              Duration wait = delivered ? null : backoff.after(attempt);
              String state = delivered ? "DELIVERED" : wait == null ? "FAILED" : "PENDING";
              store
                  .attempted(id, state, attempt, status, why)
                  .subscribe()
                  .with(
                      done -> {},
                      e ->
                          Log.warnf(
                              "Could not record webhook delivery %d: %s", id, e.getMessage()));
              if (wait != null) {
                schedule(webhook, id, event, payload, attempt + 1, wait);
              } else if (!delivered) {
                Log.warnf(
                    "Webhook %s: delivery %d failed after %d attempts: %s",
                    webhook.name(), id, attempt, why);
              }
            });
  }

  private static String describe(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
  }
}
