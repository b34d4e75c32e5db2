package io.optimizarr.encoder.user;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code api_key} table (V19), its one owner. */
@ApplicationScoped
public class ApiKeys {

  /** What a request's key stands for. */
  public record Holder(long id, String name, String role) {}

  private final Pool pool;

  ApiKeys(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<ApiKeyView>> all() {
    return pool.query("SELECT * FROM api_key ORDER BY id").execute().map(ApiKeys::views);
  }

  /** A new key's row, keeping only its SHA-256; empty when a key of that name exists. */
  public Uni<Optional<ApiKeyView>> create(
      String name, String role, String sha256, String prefix, String createdBy) {
    return pool.preparedQuery(
            """
            INSERT INTO api_key (name, role, key_sha256, key_prefix, created_by)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING RETURNING *
            """)
        .execute(Tuple.of(name, role, sha256, prefix, createdBy))
        .map(rows -> views(rows).stream().findFirst());
  }

  /** Revokes a key: false when there is no such key. */
  public Uni<Boolean> delete(long id) {
    return pool.preparedQuery("DELETE FROM api_key WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The key whose SHA-256 this is, if any. */
  public Uni<Optional<Holder>> holder(String sha256) {
    return pool.preparedQuery("SELECT id, name, role FROM api_key WHERE key_sha256 = $1")
        .execute(Tuple.of(sha256))
        .map(
            rows -> {
              for (Row row : rows) {
                return Optional.of(
                    new Holder(row.getLong("id"), row.getString("name"), row.getString("role")));
              }
              return Optional.empty();
            });
  }

  /** Notes that a request came with this key now. */
  public Uni<Void> used(long id) {
    return pool.preparedQuery("UPDATE api_key SET last_used_at = now() WHERE id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  private static List<ApiKeyView> views(RowSet<Row> rows) {
    var views = new ArrayList<ApiKeyView>();
    for (Row row : rows) {
      OffsetDateTime lastUsed = row.getOffsetDateTime("last_used_at");
      views.add(
          new ApiKeyView(
              row.getLong("id"),
              row.getString("name"),
              row.getString("role"),
              row.getString("key_prefix"),
              row.getString("created_by"),
              row.getOffsetDateTime("created_at").toInstant(),
              lastUsed == null ? null : lastUsed.toInstant()));
    }
    return views;
  }
}
