package io.optimizarr.encoder.job;

import io.optimizarr.model.JobStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every change of a job's row, as one SQL statement with its timeline entry in the same
 * transaction. State changes say which states they start from, so two writers (an API call and the
 * supervisor, or two nodes) cannot both win.
 */
@ApplicationScoped
public class JobStore {

  /** Jobs that fail this many times are not requeued again. */
  public static final int MAX_ATTEMPTS = 3;

  private final Pool pool;

  JobStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Claims the next queued job for {@code node}: highest priority, then oldest. {@code SKIP LOCKED}
   * lets several nodes claim at once without waiting for, or sharing, a row.
   */
  public Uni<Optional<Long>> claimNext(String node) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    WITH next AS (
                        SELECT id FROM encoding_job WHERE status = 'QUEUED'
                        ORDER BY priority DESC, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED),
                    claimed AS (
                        UPDATE encoding_job j SET status = 'PROCESSING', node = $1, started_at = now(),
                            status_reason = NULL, error = NULL, progress_percent = 0, fps = NULL,
                            speed = NULL, eta_seconds = NULL, manual_pause = FALSE, version = version + 1
                        FROM next WHERE j.id = next.id RETURNING j.id)
                    INSERT INTO job_event (job_id, type, message)
                    SELECT id, 'CLAIMED', 'claimed by node ' || $1 FROM claimed RETURNING job_id
                    """)
                .execute(Tuple.of(node))
                .map(
                    rows ->
                        rows.size() == 0
                            ? Optional.<Long>empty()
                            : Optional.of(rows.iterator().next().getLong(0))));
  }

  /**
   * Moves a job from one of {@code from} to {@code to}, with a reason and a timeline entry. False
   * when the job was in no state of {@code from} (someone else changed it first).
   */
  public Uni<Boolean> transition(
      long id,
      List<JobStatus> from,
      JobStatus to,
      String reason,
      String eventType,
      String message) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = $2::varchar, status_reason = $3,
                        version = version + 1,
                        manual_pause = CASE WHEN $2::varchar = 'PAUSED' THEN manual_pause ELSE FALSE END,
                        finished_at = CASE WHEN $2::varchar IN ('COMPLETED', 'SKIPPED', 'FAILED', 'CANCELLED')
                                           THEN now() ELSE finished_at END,
                        pid = CASE WHEN $2::varchar IN ('COMPLETED', 'SKIPPED', 'FAILED', 'CANCELLED', 'QUEUED')
                                   THEN NULL ELSE pid END
                    WHERE id = $1 AND status = ANY($4)
                    """)
                .execute(Tuple.of(id, to.name(), reason, names(from)))
                .flatMap(
                    rows ->
                        rows.rowCount() == 1
                            ? event(db, id, eventType, message).replaceWith(true)
                            : Uni.createFrom().item(false)));
  }

  /** A manual pause or resume; {@code manual_pause} holds the job paused until a manual resume. */
  public Uni<Boolean> setManualPause(long id, boolean paused, String reason, String message) {
    // A manual pause may take over the governor's pause of a job that is PAUSED already.
    String[] from = paused ? new String[] {"PROCESSING", "PAUSED"} : new String[] {"PAUSED"};
    JobStatus to = paused ? JobStatus.PAUSED : JobStatus.PROCESSING;
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = $2, status_reason = $3, manual_pause = $4,
                        version = version + 1
                    WHERE id = $1 AND status = ANY($5)
                    """)
                .execute(Tuple.of(id, to.name(), reason, paused, from))
                .flatMap(
                    rows ->
                        rows.rowCount() == 1
                            ? event(db, id, paused ? "PAUSED" : "RESUMED", message)
                                .replaceWith(true)
                            : Uni.createFrom().item(false)));
  }

  /**
   * The governor's pause or resume of a running job, with its reason; never touches a job paused by
   * hand.
   */
  public Uni<Boolean> setThrottled(long id, boolean paused, String reason) {
    JobStatus from = paused ? JobStatus.PROCESSING : JobStatus.PAUSED;
    JobStatus to = paused ? JobStatus.PAUSED : JobStatus.PROCESSING;
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = $2, status_reason = $3, version = version + 1
                    WHERE id = $1 AND status = $4 AND NOT manual_pause
                    """)
                .execute(Tuple.of(id, to.name(), reason, from.name()))
                .flatMap(
                    rows ->
                        rows.rowCount() == 1
                            ? event(
                                    db,
                                    id,
                                    paused ? "THROTTLED" : "RESUMED",
                                    paused
                                        ? "paused: " + reason
                                        : "resumed: the machine is free again")
                                .replaceWith(true)
                            : Uni.createFrom().item(false)));
  }

  public Uni<Void> started(long id, long pid, Double durationSeconds, String message) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    "UPDATE encoding_job SET pid = $2, duration_seconds = $3, version = version + 1"
                        + " WHERE id = $1")
                .execute(Tuple.of(id, pid, durationSeconds))
                .flatMap(rows -> event(db, id, "STARTED", message)));
  }

  /** Progress and usage; peaks only grow. No timeline entry: this is written every few seconds. */
  public Uni<Void> progress(
      long id, double percent, Double fps, Double speed, Long eta, Double cpu, Long memory) {
    return pool.preparedQuery(
            """
            UPDATE encoding_job SET progress_percent = $2, fps = $3, speed = $4, eta_seconds = $5,
                cpu_percent = $6, memory_bytes = $7,
                peak_cpu_percent = GREATEST(COALESCE(peak_cpu_percent, 0), COALESCE($6, 0)),
                peak_memory_bytes = GREATEST(COALESCE(peak_memory_bytes, 0), COALESCE($7, 0))
            WHERE id = $1
            """)
        .execute(Tuple.from(Arrays.asList(id, percent, fps, speed, eta, cpu, memory)))
        .replaceWithVoid();
  }

  public Uni<Void> addPausedSeconds(long id, double seconds) {
    return pool.preparedQuery(
            "UPDATE encoding_job SET paused_seconds = paused_seconds + $2 WHERE id = $1")
        .execute(Tuple.of(id, seconds))
        .replaceWithVoid();
  }

  public Uni<Boolean> completed(long id, String message) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = 'COMPLETED', status_reason = NULL,
                        progress_percent = 100, eta_seconds = 0, pid = NULL, finished_at = now(),
                        manual_pause = FALSE, version = version + 1
                    WHERE id = $1 AND status IN ('PROCESSING', 'PAUSED')
                    """)
                .execute(Tuple.of(id))
                .flatMap(
                    rows ->
                        rows.rowCount() == 1
                            ? event(db, id, "COMPLETED", message).replaceWith(true)
                            : Uni.createFrom().item(false)));
  }

  public Uni<Boolean> failed(long id, String reason, String error) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = 'FAILED', status_reason = $2, error = $3,
                        pid = NULL, finished_at = now(), manual_pause = FALSE, version = version + 1
                    WHERE id = $1 AND status IN ('PROCESSING', 'PAUSED')
                    """)
                .execute(Tuple.of(id, reason, error))
                .flatMap(
                    rows ->
                        rows.rowCount() == 1
                            ? event(db, id, "FAILED", reason).replaceWith(true)
                            : Uni.createFrom().item(false)));
  }

  /**
   * Puts a job this node was running back in the queue, counting an attempt when {@code
   * countAttempt}; a job out of attempts fails instead.
   */
  public Uni<JobStatus> requeue(long id, boolean countAttempt, String message) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET
                        attempts = attempts + $2,
                        status = CASE WHEN attempts + $2 >= $3 THEN 'FAILED' ELSE 'QUEUED' END,
                        status_reason = CASE WHEN attempts + $2 >= $3
                                             THEN 'failed ' || (attempts + $2) || ' times' ELSE $4 END,
                        finished_at = CASE WHEN attempts + $2 >= $3 THEN now() ELSE NULL END,
                        node = NULL, pid = NULL, started_at = NULL, manual_pause = FALSE,
                        progress_percent = 0, version = version + 1
                    WHERE id = $1 AND status IN ('PROCESSING', 'PAUSED')
                    RETURNING status
                    """)
                .execute(Tuple.of(id, countAttempt ? 1 : 0, MAX_ATTEMPTS, message))
                .flatMap(
                    rows -> {
                      if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                      }
                      JobStatus status = JobStatus.valueOf(rows.iterator().next().getString(0));
                      return event(
                              db, id, status == JobStatus.QUEUED ? "REQUEUED" : "FAILED", message)
                          .replaceWith(status);
                    }));
  }

  /**
   * A page of the job list in queue order, all jobs or those of one status. The page's ids come
   * from the list's index alone (V4), and only those rows are read: a deep page skips index
   * entries, not table rows.
   */
  public Uni<List<JobView>> page(JobStatus status, long offset, int size) {
    String filter = status == null ? "" : "WHERE status = $3";
    var args = Tuple.of(offset, size);
    if (status != null) {
      args.addString(status.name());
    }
    return pool.preparedQuery(
            """
            SELECT j.* FROM encoding_job j JOIN (
                SELECT id FROM encoding_job %s
                ORDER BY priority DESC, created_at, id OFFSET $1 LIMIT $2) page USING (id)
            ORDER BY j.priority DESC, j.created_at, j.id
            """
                .formatted(filter))
        .execute(args)
        .map(
            rows -> {
              var views = new java.util.ArrayList<JobView>(rows.size());
              rows.forEach(r -> views.add(JobView.of(r)));
              return views;
            });
  }

  /** How many jobs the list holds, all or of one status. */
  public Uni<Long> count(JobStatus status) {
    return (status == null
            ? pool.query("SELECT count(*) FROM encoding_job").execute()
            : pool.preparedQuery("SELECT count(*) FROM encoding_job WHERE status = $1")
                .execute(Tuple.of(status.name())))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Jobs this node left running: after a crash these have no process under this service. */
  public Uni<List<EncodingJobRow>> runningOn(String node) {
    return pool.preparedQuery(
            "SELECT id, pid, output_path FROM encoding_job"
                + " WHERE node = $1 AND status IN ('PROCESSING', 'PAUSED')")
        .execute(Tuple.of(node))
        .map(
            rows -> {
              var result = new java.util.ArrayList<EncodingJobRow>();
              rows.forEach(
                  r -> result.add(new EncodingJobRow(r.getLong(0), r.getLong(1), r.getString(2))));
              return result;
            });
  }

  /** The identity of a job left running: enough to find and clean up its process and file. */
  public record EncodingJobRow(long id, Long pid, String outputPath) {}

  private static Uni<Void> event(SqlClient db, long id, String type, String message) {
    return db.preparedQuery("INSERT INTO job_event (job_id, type, message) VALUES ($1, $2, $3)")
        .execute(Tuple.of(id, type, message))
        .replaceWithVoid();
  }

  private static String[] names(List<JobStatus> statuses) {
    return statuses.stream().map(JobStatus::name).toArray(String[]::new);
  }
}
