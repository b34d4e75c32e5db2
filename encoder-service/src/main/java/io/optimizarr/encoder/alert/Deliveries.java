package io.optimizarr.encoder.alert;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Delivers payloads to webhooks: records each delivery, POSTs it (signed when the webhook has a
 * secret), and retries with back-off until a 2xx answer or the last attempt; every attempt's
 * outcome is stored, so admins see it. Deliveries this node left pending when it stopped are taken
 * up again when it starts. Each attempt resolves the webhook's host anew and connects to exactly
 * the address {@link DestinationCheck} judged; a refused address fails the delivery at once.
 */
@ApplicationScoped
public class Deliveries {

  private static final int MAX_ERROR = 500;

  private final WebhookStore store;
  private final NodeIdentity node;
  private final Clock clock;
  private final Backoff backoff;
  private final Duration timeout;
  private final DestinationCheck destinations;
  private final HttpClient http;
  private ScheduledExecutorService retries;

  Deliveries(
      WebhookStore store,
      NodeIdentity node,
      Clock clock,
      EncoderConfig config,
      DestinationCheck destinations,
      Vertx vertx) {
    this.store = store;
    this.node = node;
    this.clock = clock;
    this.destinations = destinations;
    this.backoff =
        new Backoff(config.webhooks().retryAfter(), Math.max(1, config.webhooks().maxAttempts()));
    this.timeout = config.webhooks().timeout();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(false)
                .setForceSni(true)
                .setVerifyHost(true));
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
    var target = destinations.target(webhook.url());
    if (target instanceof DestinationCheck.Target.Refused refused) {
      finish(webhook, id, event, payload, attempt, null, "refused: " + refused.why(), false);
      return;
    }
    if (target instanceof DestinationCheck.Target.Unresolved unresolved) {
      finish(webhook, id, event, payload, attempt, null, unresolved.why(), true);
      return;
    }
    var connect = (DestinationCheck.Target.Connect) target;
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String path =
        connect.uri().getRawPath() == null || connect.uri().getRawPath().isEmpty()
            ? "/"
            : connect.uri().getRawPath();
    var request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(connect.uri().getHost())
            .setPort(connect.port())
            .setSsl("https".equals(connect.uri().getScheme()))
            .setURI(
                connect.uri().getRawQuery() == null
                    ? path
                    : path + "?" + connect.uri().getRawQuery())
            .setServer(
                SocketAddress.inetSocketAddress(
                    new InetSocketAddress(connect.address(), connect.port())))
            .setFollowRedirects(false)
            .setTimeout(timeout.toMillis())
            .putHeader("Content-Type", "application/json")
            .putHeader("User-Agent", "Optimizarr")
            .putHeader("X-Optimizarr-Event", event.wireName())
            .putHeader("X-Optimizarr-Delivery", Long.toString(id))
            .putHeader(Signature.TIMESTAMP_HEADER, timestamp);
    if (webhook.secret() != null) {
      request.putHeader(Signature.HEADER, Signature.of(webhook.secret(), timestamp, payload));
    }
    http.request(request)
        .compose(r -> r.send(Buffer.buffer(payload)))
        .compose(
            response -> {
              // Only the status counts: the body is read and dropped as it comes, never held.
              response.handler(ignored -> {});
              return response.end().map(done -> response.statusCode());
            })
        .onComplete(
            done -> {
              Integer status = done.succeeded() ? done.result() : null;
              boolean delivered = status != null && status >= 200 && status < 300;
              String why =
                  delivered
                      ? null
                      : status == null
                          ? describe(done.cause())
                          : "the receiver answered HTTP " + status;
              finish(webhook, id, event, payload, attempt, status, why, !delivered);
            });
  }

  /**
   * Records an attempt; retries it after the back-off where {@code retry} and attempts are left.
   */
  private void finish(
      Webhook webhook,
      long id,
      AlertEvent event,
      String payload,
      int attempt,
      Integer status,
      String why,
      boolean retry) {
    boolean delivered = why == null;
    Duration wait = delivered || !retry ? null : backoff.after(attempt);
    String state = delivered ? "DELIVERED" : wait == null ? "FAILED" : "PENDING";
    store
        .attempted(id, state, attempt, status, why)
        .subscribe()
        .with(
            done -> {},
            e -> Log.warnf("Could not record webhook delivery %d: %s", id, e.getMessage()));
    if (wait != null) {
      schedule(webhook, id, event, payload, attempt + 1, wait);
    } else if (!delivered) {
      Log.warnf(
          "Webhook %s: delivery %d failed after %d attempts: %s", webhook.name(), id, attempt, why);
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    if (cause == null) {
      return "no answer";
    }
    String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
  }
}
