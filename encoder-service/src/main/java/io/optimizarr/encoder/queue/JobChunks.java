package io.optimizarr.encoder.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one reader and writer of {@code job_chunk}: the finished chunks of a segmented encode (issue
 * 19). A run records a chunk only while its claim holds and the job runs, so a run taken from its
 * node cannot add to the job's record; the rows outlive a requeue, which is what lets the next run
 * (on this node or another) start from the first unfinished chunk.
 */
@ApplicationScoped
public class JobChunks {

  /** A finished chunk as recorded. */
  public record Chunk(
      int index,
      double startSeconds,
      long firstFrame,
      long frames,
      long bytes,
      String node,
      double encodeSeconds,
      OffsetDateTime finishedAt) {}

  private final Pool pool;

  JobChunks(Pool pool) {
    this.pool = pool;
  }

  /** The job's finished chunks, by index. */
  public Uni<List<Chunk>> of(long jobId) {
    return pool.preparedQuery(
            "SELECT chunk_index, start_seconds, first_frame, frames, bytes, node, encode_seconds,"
                + " finished_at FROM job_chunk WHERE job_id = $1 ORDER BY chunk_index")
        .execute(Tuple.of(jobId))
        .map(
            rows -> {
              var chunks = new ArrayList<Chunk>();
              for (Row r : rows) {
                chunks.add(
                    new Chunk(
                        r.getInteger(0),
                        r.getDouble(1),
                        r.getLong(2),
                        r.getLong(3),
                        r.getLong(4),
                        r.getString(5),
                        r.getDouble(6),
                        r.getOffsetDateTime(7)));
              }
              return chunks;
            });
  }

  /**
   * Records a finished chunk (replacing a record of the same index); false when the job no longer
   * runs under {@code claim}.
   */
  public Uni<Boolean> finished(Claim claim, Chunk chunk) {
    return pool.preparedQuery(
            """
            INSERT INTO job_chunk (job_id, chunk_index, start_seconds, first_frame, frames, bytes,
                node, encode_seconds)
            SELECT id, $3, $4, $5, $6, $7, $8, $9 FROM encoding_job
            WHERE id = $1 AND claim_token IS NOT DISTINCT FROM $2
                AND status IN ('PROCESSING', 'PAUSED')
            ON CONFLICT (job_id, chunk_index) DO UPDATE SET start_seconds = EXCLUDED.start_seconds,
                first_frame = EXCLUDED.first_frame, frames = EXCLUDED.frames,
                bytes = EXCLUDED.bytes, node = EXCLUDED.node,
                encode_seconds = EXCLUDED.encode_seconds, finished_at = now()
            """)
        .execute(
            Tuple.from(
                Arrays.asList(
                    claim.jobId(),
                    claim.token(),
                    chunk.index(),
                    chunk.startSeconds(),
                    chunk.firstFrame(),
                    chunk.frames(),
                    chunk.bytes(),
                    chunk.node(),
                    chunk.encodeSeconds())))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Forgets the job's chunks (their files are gone, or no longer fit its input), while it runs
   * under {@code claim}.
   */
  public Uni<Void> forget(Claim claim) {
    return pool.preparedQuery(
            "DELETE FROM job_chunk WHERE job_id = (SELECT id FROM encoding_job WHERE id = $1"
                + " AND claim_token IS NOT DISTINCT FROM $2)")
        .execute(Tuple.of(claim.jobId(), claim.token()))
        .replaceWithVoid();
  }
}
