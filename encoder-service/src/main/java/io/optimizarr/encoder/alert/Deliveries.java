package io.optimizarr.encoder.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Delivers payloads to webhooks: records each delivery, sends it as its webhook's kind is sent (an
 * HTTP request in a service's format, a rescan request to a media server, or an e-mail), and
 * retries with back-off until it is delivered or the last attempt; every attempt's outcome is
 * stored, so admins see it. Deliveries this node left pending when it stopped are taken up again
 * when it starts. A refused address fails the delivery at once ({@link HttpCalls}).
 */
@ApplicationScoped
public class Deliveries {

  private final WebhookStore store;
  private final NodeIdentity node;
  private final Clock clock;
  private final Backoff backoff;
  private final HttpCalls http;
  private final NoticeRequests notices;
  private final MediaServers mediaServers;
  private final MailAlerts mail;
  private ScheduledExecutorService retries;

  Deliveries(
      WebhookStore store,
      NodeIdentity node,
      Clock clock,
      EncoderConfig config,
      HttpCalls http,
      MediaServers mediaServers,
      MailAlerts mail,
      ObjectMapper json) {
    this.store = store;
    this.node = node;
    this.clock = clock;
    this.http = http;
    this.mediaServers = mediaServers;
    this.mail = mail;
    this.notices = new NoticeRequests(json);
    this.backoff =
        new Backoff(config.webhooks().retryAfter(), Math.max(1, config.webhooks().maxAttempts()));
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
    Uni<Attempt> tried;
    try {
      tried = deliverOnce(webhook, id, event, payload);
    } catch (RuntimeException e) {
      tried = Uni.createFrom().failure(e);
    }
    tried
        .subscribe()
        .with(
            done -> finish(webhook, id, event, payload, attempt, done),
            e ->
                finish(
                    webhook,
                    id,
                    event,
                    payload,
                    attempt,
                    e instanceof HttpCalls.Undeliverable u
                        ? Attempt.failed(null, u.getMessage(), u.retry)
                        : Attempt.failed(null, describe(e), true)));
  }

  /** One attempt, as the webhook's kind is delivered. */
  private Uni<Attempt> deliverOnce(Webhook webhook, long id, AlertEvent event, String payload) {
    if (webhook.kind() == WebhookKind.EMAIL) {
      return mail.send(webhook, payload);
    }
    if (webhook.kind().isMediaServer()) {
      return mediaServers.send(webhook, event, payload);
    }
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    return http.call(notices.of(webhook, event, id, payload, timestamp), false).map(Attempt::of);
  }

  /** Records an attempt; retries it after the back-off where it may help and attempts are left. */
  private void finish(
      Webhook webhook, long id, AlertEvent event, String payload, int attempt, Attempt done) {
    Duration wait = done.isDelivered() || !done.retry() ? null : backoff.after(attempt);
    String state = done.isDelivered() ? "DELIVERED" : wait == null ? "FAILED" : "PENDING";
    store
        .attempted(id, state, attempt, done.status(), done.why())
        .subscribe()
        .with(
            ok -> {},
            e -> Log.warnf("Could not record webhook delivery %d: %s", id, e.getMessage()));
    if (wait != null) {
      schedule(webhook, id, event, payload, attempt + 1, wait);
    } else if (!done.isDelivered()) {
      Log.warnf(
          "Webhook %s: delivery %d failed after %d attempts: %s",
          webhook.name(), id, attempt, done.why());
    }
  }

  private static String describe(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    if (cause == null) {
      return "no answer";
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
