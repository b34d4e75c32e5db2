package io.optimizarr.encoder.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The one reader and writer of {@code node_lease}: each encoder node's heartbeat (V14). A node
 * renews its row every few seconds, promising to renew it again within its lease; a row older than
 * its lease means a lost node, whose jobs {@link JobQueue#requeueFromLostNodes} gives to others.
 * Every time is the database's, so the nodes' clocks never count.
 */
@ApplicationScoped
public class NodeLease {

  private final Pool pool;

  NodeLease(Pool pool) {
    this.pool = pool;
  }

  /** The node starts: its row now, with {@code lease}, and its start time. */
  public Uni<Void> started(String node, Duration lease) {
    return pool.preparedQuery(
            """
            INSERT INTO node_lease (node, lease_ms) VALUES ($1, $2)
            ON CONFLICT (node) DO UPDATE
                SET renewed_at = now(), lease_ms = $2, started_at = now()
            """)
        .execute(Tuple.of(node, lease.toMillis()))
        .replaceWithVoid();
  }

  /**
   * Renews the node's lease; true when it had run out before this renewal (the node was silent
   * longer than its lease, frozen or cut off: other nodes may have taken its jobs).
   */
  public Uni<Boolean> renew(String node, Duration lease) {
    return pool.preparedQuery(
            """
            WITH before AS (
                SELECT renewed_at + lease_ms * interval '1 millisecond' < now() AS lapsed
                FROM node_lease WHERE node = $1)
            INSERT INTO node_lease (node, lease_ms) VALUES ($1, $2)
            ON CONFLICT (node) DO UPDATE SET renewed_at = now(), lease_ms = $2
            RETURNING (SELECT lapsed FROM before)
            """)
        .execute(Tuple.of(node, lease.toMillis()))
        .map(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
  }
}
