package io.optimizarr.encoder.alert;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** The {@code webhook} and {@code webhook_delivery} tables. */
@ApplicationScoped
public class WebhookStore {

  /** A delivery as stored and as the API lists it. */
  public record Delivery(
      long id,
      long webhookId,
      String event,
      String payload,
      String state,
      int attempts,
      Integer statusCode,
      String error,
      Instant createdAt,
      Instant lastAttemptAt) {}

  private final Pool pool;

  WebhookStore(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<Webhook>> all() {
    return pool.query("SELECT * FROM webhook ORDER BY id")
        .execute()
        .map(
            rows -> {
              var list = new ArrayList<Webhook>();
              rows.forEach(r -> list.add(webhook(r)));
              return list;
            });
  }

  public Uni<Optional<Webhook>> find(long id) {
    return pool.preparedQuery("SELECT * FROM webhook WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(webhook(rows.iterator().next())));
  }

  public Uni<Webhook> create(Webhook w) {
    return pool.preparedQuery(
            "INSERT INTO webhook (name, url, secret, events, paused_minutes, enabled)"
                + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING *")
        .execute(Tuple.of(w.name(), w.url(), w.secret(), names(w), w.pausedMinutes(), w.enabled()))
        .map(rows -> webhook(rows.iterator().next()));
  }

  /** Replaces a webhook; empty when there is none with its id. */
  public Uni<Optional<Webhook>> update(Webhook w) {
    return pool.preparedQuery(
            "UPDATE webhook SET name = $2, url = $3, secret = $4, events = $5, paused_minutes = $6,"
                + " enabled = $7 WHERE id = $1 RETURNING *")
        .execute(
            Tuple.from(
                Arrays.asList(
                    w.id(),
                    w.name(),
                    w.url(),
                    w.secret(),
                    names(w),
                    w.pausedMinutes(),
                    w.enabled())))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(webhook(rows.iterator().next())));
  }

  public Uni<Boolean> delete(long id) {
    return pool.preparedQuery("DELETE FROM webhook WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Records a delivery about to be attempted; gives its id. */
  public Uni<Long> newDelivery(long webhookId, String node, AlertEvent event, String payload) {
    return pool.preparedQuery(
            "INSERT INTO webhook_delivery (webhook_id, node, event, payload, state)"
                + " VALUES ($1, $2, $3, $4, 'PENDING') RETURNING id")
        .execute(Tuple.of(webhookId, node, event.wireName(), payload))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Records how an attempt went. */
  public Uni<Void> attempted(
      long deliveryId, String state, int attempts, Integer statusCode, String error) {
    return pool.preparedQuery(
            "UPDATE webhook_delivery SET state = $2, attempts = $3, status_code = $4, error = $5,"
                + " last_attempt_at = now() WHERE id = $1")
        .execute(Tuple.from(Arrays.asList(deliveryId, state, attempts, statusCode, error)))
        .replaceWithVoid();
  }

  public Uni<Optional<Delivery>> delivery(long id) {
    return pool.preparedQuery("SELECT * FROM webhook_delivery WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(delivery(rows.iterator().next())));
  }

  /** The latest deliveries of a webhook, newest first. */
  public Uni<List<Delivery>> deliveries(long webhookId, int limit) {
    return pool.preparedQuery(
            "SELECT * FROM webhook_delivery WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2")
        .execute(Tuple.of(webhookId, limit))
        .map(WebhookStore::deliveries);
  }

  /** This node's deliveries still pending (the service stopped before they were done). */
  public Uni<List<Delivery>> pending(String node) {
    return pool.preparedQuery(
            "SELECT * FROM webhook_delivery WHERE node = $1 AND state = 'PENDING' ORDER BY id")
        .execute(Tuple.of(node))
        .map(WebhookStore::deliveries);
  }

  private static List<Delivery> deliveries(RowSet<Row> rows) {
    var list = new ArrayList<Delivery>();
    rows.forEach(r -> list.add(delivery(r)));
    return list;
  }

  private static String[] names(Webhook w) {
    return w.events().stream().map(AlertEvent::wireName).toArray(String[]::new);
  }

  private static Webhook webhook(Row r) {
    var events = EnumSet.noneOf(AlertEvent.class);
    for (String name : r.getArrayOfStrings("events")) {
      AlertEvent.byName(name).ifPresent(events::add);
    }
    return new Webhook(
        r.getLong("id"),
        r.getString("name"),
        r.getString("url"),
        r.getString("secret"),
        events,
        r.getInteger("paused_minutes"),
        r.getBoolean("enabled"));
  }

  private static Delivery delivery(Row r) {
    var last = r.getOffsetDateTime("last_attempt_at");
    return new Delivery(
        r.getLong("id"),
        r.getLong("webhook_id"),
        r.getString("event"),
        r.getString("payload"),
        r.getString("state"),
        r.getInteger("attempts"),
        r.getInteger("status_code"),
        r.getString("error"),
        r.getOffsetDateTime("created_at").toInstant(),
        last == null ? null : last.toInstant());
  }
}
