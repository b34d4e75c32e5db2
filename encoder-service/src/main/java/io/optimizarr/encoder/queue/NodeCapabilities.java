package io.optimizarr.encoder.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The one reader and writer of {@code node_capability} (V23): what each node can encode, as its
 * probe found at its start, and a device that failed since. {@link JobQueue#claimNext} and the job
 * list read it to match jobs to nodes.
 */
@ApplicationScoped
public class NodeCapabilities {

  private final Pool pool;

  NodeCapabilities(Pool pool) {
    this.pool = pool;
  }

  /** Replaces what {@code node} can encode with what its probe found, in one transaction. */
  public Uni<Void> probed(String node, List<Capability> found) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery("DELETE FROM node_capability WHERE node = $1")
                .execute(Tuple.of(node))
                .flatMap(
                    deleted ->
                        tx.preparedQuery(
                                "INSERT INTO node_capability (node, encoder, device, ok, detail)"
                                    + " VALUES ($1, $2, $3, $4, $5)")
                            .executeBatch(
                                found.stream()
                                    .map(
                                        c ->
                                            Tuple.of(
                                                node, c.encoder(), c.device(), c.ok(), c.detail()))
                                    .toList()))
                .replaceWithVoid());
  }

  /**
   * The encoder and device failed mid-job: {@code node} claims no job needing them until probed.
   */
  public Uni<Void> failed(String node, String encoder, String device, String detail) {
    return pool.preparedQuery(
            """
            INSERT INTO node_capability (node, encoder, device, ok, detail) VALUES ($1, $2, $3, FALSE, $4)
            ON CONFLICT (node, encoder, device)
                DO UPDATE SET ok = FALSE, detail = $4, probed_at = now()
            """)
        .execute(Tuple.of(node, encoder, device, detail))
        .replaceWithVoid();
  }

  /** A node the queue knows (it holds a lease), whether it is live, and what it can encode. */
  public record NodeView(String node, boolean live, List<Capability> capabilities) {}

  /** Every node with a lease, live ones first, each with what its probe found. */
  public Uni<List<NodeView>> nodes() {
    return pool.query(
            """
            SELECT l.node, l.renewed_at + l.lease_ms * interval '1 millisecond' >= now() AS live,
                c.encoder, c.device, c.ok, c.detail
            FROM node_lease l LEFT JOIN node_capability c ON c.node = l.node
            ORDER BY live DESC, l.node, c.encoder, c.device
            """)
        .execute()
        .map(
            rows -> {
              var nodes = new LinkedHashMap<String, NodeView>();
              rows.forEach(
                  r -> {
                    var view =
                        nodes.computeIfAbsent(
                            r.getString(0),
                            n -> new NodeView(n, r.getBoolean(1), new ArrayList<>()));
                    if (r.getString(2) != null) {
                      view.capabilities()
                          .add(
                              new Capability(
                                  r.getString(2), r.getString(3), r.getBoolean(4), r.getString(5)));
                    }
                  });
              return List.copyOf(nodes.values());
            });
  }

  /** What {@code node} was last found able and unable to do. */
  public Uni<List<Capability>> of(String node) {
    return pool.preparedQuery(
            "SELECT encoder, device, ok, detail FROM node_capability WHERE node = $1"
                + " ORDER BY encoder, device")
        .execute(Tuple.of(node))
        .map(
            rows -> {
              var list = new ArrayList<Capability>();
              rows.forEach(
                  r ->
                      list.add(
                          new Capability(
                              r.getString(0), r.getString(1), r.getBoolean(2), r.getString(3))));
              return list;
            });
  }
}
