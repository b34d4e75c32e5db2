package io.optimizarr.encoder.alert;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code webhook}, {@code webhook_delivery}, {@code media_server_folder} and {@code
 * digest_sent} tables: webhooks, their deliveries, which library folders a media-server webhook
 * rescans, and which days' digests were sent.
 */
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

  /** A library folder a media server rescans: its path here and where the server sees it. */
  public record ServerFolder(long libraryId, String libraryPath, String serverPath) {}

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
            "INSERT INTO webhook (name, kind, url, secret, events, paused_minutes, enabled)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *")
        .execute(
            Tuple.from(
                Arrays.asList(
                    w.name(),
                    w.kind().wireName(),
                    w.url(),
                    w.secret(),
                    names(w),
                    w.pausedMinutes(),
                    w.enabled())))
        .map(rows -> webhook(rows.iterator().next()));
  }

  /** Replaces a webhook; empty when there is none with its id. */
  public Uni<Optional<Webhook>> update(Webhook w) {
    return pool.preparedQuery(
            "UPDATE webhook SET name = $2, kind = $8, url = $3, secret = $4, events = $5,"
                + " paused_minutes = $6, enabled = $7 WHERE id = $1 RETURNING *")
        .execute(
            Tuple.from(
                Arrays.asList(
                    w.id(),
                    w.name(),
                    w.url(),
                    w.secret(),
                    names(w),
                    w.pausedMinutes(),
                    w.enabled(),
                    w.kind().wireName())))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(webhook(rows.iterator().next())));
  }

  public Uni<Boolean> delete(long id) {
    return pool.preparedQuery("DELETE FROM webhook WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The library folders a media-server webhook rescans, by their path here. */
  public Uni<List<ServerFolder>> folders(long webhookId) {
    return pool.preparedQuery(
            "SELECT m.library_id, l.path, m.server_path FROM media_server_folder m"
                + " JOIN library_folder l ON l.id = m.library_id WHERE m.webhook_id = $1"
                + " ORDER BY l.path")
        .execute(Tuple.of(webhookId))
        .map(
            rows -> {
              var list = new ArrayList<ServerFolder>();
              rows.forEach(
                  r -> list.add(new ServerFolder(r.getLong(0), r.getString(1), r.getString(2))));
              return list;
            });
  }

  /** The paths of those of {@code ids} that are library folders, by id. */
  public Uni<Map<Long, String>> libraryPaths(Collection<Long> ids) {
    return pool.preparedQuery("SELECT id, path FROM library_folder WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(
            rows -> {
              var paths = new HashMap<Long, String>();
              rows.forEach(r -> paths.put(r.getLong(0), r.getString(1)));
              return paths;
            });
  }

  /** Replaces the folders a media-server webhook rescans, in one transaction. */
  public Uni<Void> setFolders(long webhookId, List<ServerFolder> folders) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery("DELETE FROM media_server_folder WHERE webhook_id = $1")
                .execute(Tuple.of(webhookId))
                .flatMap(
                    deleted ->
                        folders.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : tx.preparedQuery(
                                    "INSERT INTO media_server_folder (webhook_id, library_id,"
                                        + " server_path) VALUES ($1, $2, $3)")
                                .executeBatch(
                                    folders.stream()
                                        .map(
                                            f -> Tuple.of(webhookId, f.libraryId(), f.serverPath()))
                                        .toList())
                                .replaceWithVoid()));
  }

  /**
   * Claims the daily digest of {@code day} for {@code node}: true for the one node that sends it,
   * false where another node claimed it already.
   */
  public Uni<Boolean> claimDigest(LocalDate day, String node) {
    return pool.preparedQuery(
            "INSERT INTO digest_sent (day, node) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING")
        .execute(Tuple.of(day, node))
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
        WebhookKind.byName(r.getString("kind")).orElseThrow(),
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
