package io.optimizarr.encoder.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one reader and writer of {@code job_chunk} and {@code chunk_task}: the chunks of segmented
 * encodes (issue 19). A run records a chunk only while its claim holds and the job runs, so a run
 * taken from its node cannot add to the job's record; the rows outlive a requeue, which is what
 * lets the next run (on this node or another) start from the first unfinished chunk.
 *
 * <p>A run that shares its chunks offers those not yet finished as tasks; any node, the run's own
 * included, takes one at a time ({@code SKIP LOCKED}, a fresh token per take), and recording it
 * finished removes its task in the same statement, so each chunk is encoded and recorded once. A
 * task is taken only while the run that offered it holds its claim and the job is not paused by
 * hand; one whose taker's lease ran out may be taken again, as a lost node's job is.
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

  /**
   * Offers {@code offers} to every node, for the run under {@code claim}: tasks an earlier claim
   * offered are removed, an offer of a chunk recorded as finished takes its record away (its file
   * failed its check), and an offer of a chunk offered before is offered anew, untaken. False when
   * the job no longer runs under {@code claim}.
   */
  public Uni<Boolean> offer(Claim claim, List<ChunkTask.Offer> offers) {
    Integer[] index = offers.stream().map(ChunkTask.Offer::index).toArray(Integer[]::new);
    Double[] start = offers.stream().map(ChunkTask.Offer::startSeconds).toArray(Double[]::new);
    Long[] first = offers.stream().map(ChunkTask.Offer::firstFrame).toArray(Long[]::new);
    Long[] frames = offers.stream().map(ChunkTask.Offer::frames).toArray(Long[]::new);
    String[] sha = offers.stream().map(ChunkTask.Offer::argumentsSha256).toArray(String[]::new);
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    SELECT id FROM encoding_job WHERE id = $1 AND claim_token = $2
                        AND status IN ('PROCESSING', 'PAUSED') FOR UPDATE
                    """)
                .execute(Tuple.of(claim.jobId(), claim.token()))
                .flatMap(
                    held ->
                        held.size() == 0
                            ? Uni.createFrom().item(false)
                            : db.preparedQuery(
                                    "DELETE FROM chunk_task WHERE job_id = $1 AND job_claim <> $2")
                                .execute(Tuple.of(claim.jobId(), claim.token()))
                                .flatMap(
                                    x ->
                                        db.preparedQuery(
                                                "DELETE FROM job_chunk WHERE job_id = $1"
                                                    + " AND chunk_index = ANY($2)")
                                            .execute(Tuple.of(claim.jobId(), index)))
                                .flatMap(
                                    x ->
                                        db.preparedQuery(
                                                """
                                                INSERT INTO chunk_task (job_id, chunk_index, job_claim,
                                                    start_seconds, first_frame, frames, arguments_sha256)
                                                SELECT $1, o.i, $2, o.s, o.f, o.n, o.h
                                                FROM unnest($3::int[], $4::float8[], $5::bigint[],
                                                    $6::bigint[], $7::text[]) AS o(i, s, f, n, h)
                                                ON CONFLICT (job_id, chunk_index) DO UPDATE SET
                                                    job_claim = EXCLUDED.job_claim,
                                                    start_seconds = EXCLUDED.start_seconds,
                                                    first_frame = EXCLUDED.first_frame,
                                                    frames = EXCLUDED.frames,
                                                    arguments_sha256 = EXCLUDED.arguments_sha256,
                                                    node = NULL, token = NULL, pid = NULL,
                                                    taken_at = NULL
                                                """)
                                            .execute(
                                                Tuple.from(
                                                    Arrays.asList(
                                                        claim.jobId(),
                                                        claim.token(),
                                                        index,
                                                        start,
                                                        first,
                                                        frames,
                                                        sha))))
                                .replaceWith(true)));
  }

  /**
   * Takes the next chunk offered, for {@code node}: of job {@code onlyJob} when given (a run takes
   * its own job's chunks), else of any job but {@code notJobs} (those the node runs or helps, or
   * cannot help), the job of highest priority and earliest start first, then the lowest index. A
   * task whose taker's lease ran out is taken again; a node's own task never is (its next start
   * gives it back). A chunk whose profile's encoder the node's probe did not find working is left
   * to others, as {@link JobQueue#claimNext} leaves such jobs.
   */
  public Uni<Optional<ChunkTask>> take(String node, Long onlyJob, List<Long> notJobs) {
    return pool.withTransaction(
        db ->
            db.query(JobQueue.BOUNDED)
                .execute()
                .flatMap(
                    set ->
                        db.preparedQuery(
                                """
                    WITH next AS (
                        SELECT t.job_id, t.chunk_index, t.node AS was_node, t.token AS was_token
                        FROM chunk_task t
                        JOIN encoding_job j ON j.id = t.job_id AND j.claim_token = t.job_claim
                        JOIN encoding_profile p ON p.id = j.profile_id
                        LEFT JOIN node_lease l ON l.node = t.node
                        WHERE j.status IN ('PROCESSING', 'PAUSED') AND NOT j.manual_pause
                            AND (t.node IS NULL OR (t.node <> $1 AND l.node IS NOT NULL AND %s))
                            AND (%s)
                            AND ($2::bigint IS NULL OR t.job_id = $2)
                            AND NOT (t.job_id = ANY($3::bigint[]))
                        ORDER BY j.priority DESC, j.started_at, t.job_id, t.chunk_index
                        LIMIT 1 FOR UPDATE OF t SKIP LOCKED)
                    UPDATE chunk_task t SET node = $1, token = nextval('chunk_task_token'),
                        pid = NULL, taken_at = now()
                    FROM next, encoding_job j
                    WHERE t.job_id = next.job_id AND t.chunk_index = next.chunk_index
                        AND j.id = t.job_id
                    RETURNING t.job_id, t.chunk_index, t.job_claim, t.token, t.start_seconds,
                        t.first_frame, t.frames, t.arguments_sha256, j.output_path, next.was_node,
                        next.was_token
                    """
                                    .formatted(
                                        JobQueue.LAPSED, JobQueue.CAN_ENCODE.formatted("$1")))
                            .execute(Tuple.of(node, onlyJob, notJobs.toArray(Long[]::new))))
                .map(
                    rows -> {
                      if (rows.size() == 0) {
                        return Optional.<ChunkTask>empty();
                      }
                      Row r = rows.iterator().next();
                      Optional<ChunkTask.Lost> lost =
                          r.getString(9) == null
                              ? Optional.empty()
                              : Optional.of(new ChunkTask.Lost(r.getString(9), r.getLong(10)));
                      return Optional.of(
                          new ChunkTask(
                              r.getLong(0),
                              r.getInteger(1),
                              r.getLong(2),
                              r.getLong(3),
                              r.getDouble(4),
                              r.getLong(5),
                              r.getLong(6),
                              r.getString(7),
                              Path.of(r.getString(8)),
                              lost));
                    }));
  }

  /** The pid of the ffmpeg that encodes the taken chunk: a restart of its node ends it. */
  public Uni<Boolean> started(ChunkTask task, long pid) {
    return pool.preparedQuery(
            "UPDATE chunk_task SET pid = $4 WHERE job_id = $1 AND chunk_index = $2 AND token = $3")
        .execute(Tuple.of(task.jobId(), task.index(), task.token(), pid))
        .map(rows -> rows.rowCount() == 1);
  }

  /** How the taken chunk stands now. */
  public Uni<ChunkTask.Standing> standing(ChunkTask task) {
    return pool.preparedQuery(
            """
            SELECT j.manual_pause FROM chunk_task t
            JOIN encoding_job j ON j.id = t.job_id AND j.claim_token = t.job_claim
            WHERE t.job_id = $1 AND t.chunk_index = $2 AND t.token = $3
                AND j.status IN ('PROCESSING', 'PAUSED')
            """)
        .execute(Tuple.of(task.jobId(), task.index(), task.token()))
        .map(
            rows ->
                rows.size() == 0
                    ? ChunkTask.Standing.GONE
                    : rows.iterator().next().getBoolean(0)
                        ? ChunkTask.Standing.HELD
                        : ChunkTask.Standing.TAKEN);
  }

  /** Gives the taken chunk back untouched: any node may take it now. */
  public Uni<Boolean> giveBack(ChunkTask task) {
    return pool.preparedQuery(
            """
            UPDATE chunk_task SET node = NULL, token = NULL, pid = NULL, taken_at = NULL
            WHERE job_id = $1 AND chunk_index = $2 AND token = $3
            """)
        .execute(Tuple.of(task.jobId(), task.index(), task.token()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Records the taken chunk as finished, removing its task: only while the take holds and the job
   * runs under the claim that offered it.
   */
  public Uni<ChunkTask.Recorded> finished(ChunkTask task, long bytes, String node, double seconds) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    WITH done AS (
                        DELETE FROM chunk_task t USING encoding_job j
                        WHERE t.job_id = $1 AND t.chunk_index = $2 AND t.token = $3
                            AND j.id = t.job_id AND j.claim_token = t.job_claim
                            AND j.status IN ('PROCESSING', 'PAUSED')
                        RETURNING t.job_id, t.chunk_index, t.start_seconds, t.first_frame,
                            t.frames)
                    INSERT INTO job_chunk (job_id, chunk_index, start_seconds, first_frame,
                        frames, bytes, node, encode_seconds)
                    SELECT job_id, chunk_index, start_seconds, first_frame, frames, $4, $5, $6
                    FROM done
                    ON CONFLICT (job_id, chunk_index) DO UPDATE SET
                        start_seconds = EXCLUDED.start_seconds, first_frame = EXCLUDED.first_frame,
                        frames = EXCLUDED.frames, bytes = EXCLUDED.bytes, node = EXCLUDED.node,
                        encode_seconds = EXCLUDED.encode_seconds, finished_at = now()
                    """)
                .execute(
                    Tuple.from(
                        Arrays.asList(
                            task.jobId(), task.index(), task.token(), bytes, node, seconds)))
                .flatMap(
                    rows ->
                        rows.rowCount() == 1
                            ? Uni.createFrom().item(ChunkTask.Recorded.RECORDED)
                            : db.preparedQuery(
                                    """
                                    SELECT 1 FROM encoding_job WHERE id = $1 AND claim_token = $2
                                        AND status IN ('PROCESSING', 'PAUSED')
                                    """)
                                .execute(Tuple.of(task.jobId(), task.jobClaim()))
                                .map(
                                    running ->
                                        running.size() == 1
                                            ? ChunkTask.Recorded.TAKE_LOST
                                            : ChunkTask.Recorded.JOB_OVER)));
  }

  /**
   * Gives back every chunk {@code node} holds, at its start: its encodes of them died with it. The
   * tasks as they were taken, with their ffmpeg's pid where it was recorded, for their clean-up.
   */
  public Uni<List<Held>> giveBackHeldBy(String node) {
    return pool.preparedQuery(
            """
            WITH held AS (
                SELECT t.job_id, t.chunk_index, t.token, t.pid, j.output_path FROM chunk_task t
                JOIN encoding_job j ON j.id = t.job_id WHERE t.node = $1 FOR UPDATE OF t)
            UPDATE chunk_task t SET node = NULL, token = NULL, pid = NULL, taken_at = NULL
            FROM held WHERE t.job_id = held.job_id AND t.chunk_index = held.chunk_index
            RETURNING held.job_id, held.token, held.pid, held.output_path
            """)
        .execute(Tuple.of(node))
        .map(
            rows -> {
              var held = new ArrayList<Held>();
              for (Row r : rows) {
                held.add(
                    new Held(r.getLong(0), r.getLong(1), r.getLong(2), Path.of(r.getString(3))));
              }
              return held;
            });
  }

  /** A chunk a node held when it stopped: its job, its take's token, its ffmpeg's pid if known. */
  public record Held(long jobId, long token, Long pid, Path output) {}

  /** Removes the tasks the run under {@code claim} offered: it ends, and nobody is to take them. */
  public Uni<Void> withdraw(Claim claim) {
    return pool.preparedQuery("DELETE FROM chunk_task WHERE job_id = $1 AND job_claim = $2")
        .execute(Tuple.of(claim.jobId(), claim.token()))
        .replaceWithVoid();
  }

  /**
   * The job's chunks as the API shows them: those finished, and those its current run offered,
   * being encoded or waiting.
   */
  public Uni<List<ChunkView>> views(long jobId) {
    return pool.preparedQuery(
            """
            SELECT chunk_index, 'FINISHED', start_seconds, first_frame, frames, bytes, node,
                encode_seconds, finished_at
            FROM job_chunk WHERE job_id = $1
            UNION ALL
            SELECT t.chunk_index, CASE WHEN t.node IS NULL THEN 'OFFERED' ELSE 'ENCODING' END,
                t.start_seconds, t.first_frame, t.frames, NULL, t.node, NULL, NULL
            FROM chunk_task t JOIN encoding_job j ON j.id = t.job_id AND j.claim_token = t.job_claim
            WHERE t.job_id = $1
            ORDER BY 1
            """)
        .execute(Tuple.of(jobId))
        .map(
            rows -> {
              var views = new ArrayList<ChunkView>();
              for (Row r : rows) {
                views.add(
                    new ChunkView(
                        r.getInteger(0),
                        ChunkView.State.valueOf(r.getString(1)),
                        r.getDouble(2),
                        r.getLong(3),
                        r.getLong(4),
                        r.getLong(5),
                        r.getString(6),
                        r.getDouble(7),
                        r.getOffsetDateTime(8)));
              }
              return views;
            });
  }
}
