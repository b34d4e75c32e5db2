package io.optimizarr.encoder.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one reader and writer of {@code encoding_job} and {@code job_event}. Every change of a job's
 * row is one SQL statement with its timeline entry in the same transaction, and says which states
 * it starts from, so two writers (an API call and the supervisor, or two nodes) cannot both win.
 * The schema keeps one rule itself: no two unfinished jobs write the same output (V9).
 */
@ApplicationScoped
public class JobQueue {

  /** Jobs that fail this many times are not requeued again. */
  static final int MAX_ATTEMPTS = 3;

  /** The conflict target of the open-output rule: V9's partial unique index. */
  private static final String OPEN_OUTPUT =
      "ON CONFLICT (output_path) WHERE status IN ('QUEUED', 'PROCESSING', 'PAUSED', 'REPLACING')"
          + " DO NOTHING";

  /** The condition that the run's claim still holds, its token the query's third parameter. */
  private static final String HELD_AS_3 = " AND claim_token IS NOT DISTINCT FROM $3";

  private static final String HELD_AS_2 = " AND claim_token IS NOT DISTINCT FROM $2";
  private static final String HELD_AS_4 = " AND claim_token IS NOT DISTINCT FROM $4";

  /**
   * Bounds a claim's transaction: one the database stalls (a lock) ends in the database before the
   * node gives up waiting for it ({@code Await.DATABASE}), so no claim commits behind its back.
   */
  static final String BOUNDED =
      "SET LOCAL lock_timeout = '10s'; SET LOCAL statement_timeout = '20s'";

  /**
   * Whether the node named by the parameter {@code %s} can encode job {@code j} with profile {@code
   * p}: it probed the profile's encoder on its device and found it working, or recorded no probe.
   */
  static final String CAN_ENCODE =
      """
      NOT EXISTS (SELECT 1 FROM node_capability c WHERE c.node = %1$s)
      OR EXISTS (SELECT 1 FROM node_capability c WHERE c.node = %1$s AND c.ok
          AND c.encoder = p.video_codec AND c.device = COALESCE(p.device, ''))
      """;

  /**
   * Why queued job {@code j} (profile {@code p}) waits where no live node can encode it; else null.
   */
  static final String WAITING_FOR =
      """
      CASE WHEN j.status = 'QUEUED' AND NOT EXISTS (
          SELECT 1 FROM node_lease l
          WHERE l.renewed_at + l.lease_ms * interval '1 millisecond' > now() AND (%s))
      THEN 'no node can encode ' || p.video_codec
          || CASE WHEN p.device IS NULL THEN '' ELSE ' on ' || p.device END
      END
      """
          .formatted(CAN_ENCODE.formatted("l.node"));

  private final Pool pool;
  private final ListTotals totals = new ListTotals(System::nanoTime);

  JobQueue(Pool pool) {
    this.pool = pool;
  }

  /**
   * Queues a job, with {@code by} on its timeline; empty when an unfinished job writes its output.
   */
  public Uni<Optional<JobView>> enqueue(NewJobRow job, String by) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    WITH job AS (
                        INSERT INTO encoding_job (input_path, output_path, profile_id, priority,
                            overwrite, ignore_thresholds, status, output_mode, recycle_days)
                        VALUES ($1, $2, $3, $4, $5, $6, 'QUEUED', $9, $10)
                        %s RETURNING *),
                    event AS (
                        INSERT INTO job_event (job_id, type, message)
                        SELECT id, $8, 'queued by ' || $7 FROM job)
                    SELECT * FROM job
                    """
                        .formatted(OPEN_OUTPUT))
                .execute(
                    Tuple.from(
                        List.of(
                            job.inputPath(),
                            job.outputPath(),
                            job.profileId(),
                            job.priority(),
                            job.overwrite(),
                            job.ignoreThresholds(),
                            by,
                            EventType.QUEUED.name(),
                            job.outputMode().wire(),
                            job.recycleDays())))
                .map(rows -> first(rows, JobView::of)));
  }

  /**
   * Queues one file a library scan found, unless a job (of any state) reads or writes it or its
   * output already; the check and the open-output rule hold in the same statement, so two scans
   * cannot both queue it. Gives the new job's id.
   */
  public Uni<Optional<Long>> enqueueFromLibrary(
      String input, String output, long profileId, String folder, OutputMode mode, int days) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    WITH job AS (
                        INSERT INTO encoding_job (input_path, output_path, profile_id, status,
                            output_mode, recycle_days)
                        SELECT $1, $2, $3, 'QUEUED', $6, $7
                        WHERE NOT EXISTS (SELECT 1 FROM encoding_job
                            WHERE input_path IN ($1, $2) OR output_path IN ($1, $2))
                        %s RETURNING id)
                    INSERT INTO job_event (job_id, type, message)
                    SELECT id, $5, 'queued by the library scan of ' || $4 FROM job
                    RETURNING job_id
                    """
                        .formatted(OPEN_OUTPUT))
                .execute(
                    Tuple.from(
                        List.of(
                            input,
                            output,
                            profileId,
                            folder,
                            EventType.QUEUED.name(),
                            mode.wire(),
                            days)))
                .map(rows -> first(rows, r -> r.getLong(0))));
  }

  /** Which of {@code paths} a job (of any state) reads or writes already. */
  public Uni<Set<String>> knownPaths(List<String> paths) {
    return pool.preparedQuery(
            "SELECT input_path AS p FROM encoding_job WHERE input_path = ANY($1)"
                + " UNION SELECT output_path FROM encoding_job WHERE output_path = ANY($1)")
        .execute(Tuple.of(paths.toArray(String[]::new)))
        .map(
            rows -> {
              var known = new HashSet<String>();
              rows.forEach(r -> known.add(r.getString(0)));
              return known;
            });
  }

  /**
   * Claims the next queued job for {@code node} that it can encode: highest priority, then oldest,
   * with a fresh claim token. A job whose profile needs an encoder (on a device) the node's probe
   * did not find working is left for a node that has it ({@link NodeCapabilities}; a node with no
   * probe recorded takes any). {@code SKIP LOCKED} lets several nodes claim at once without waiting
   * for, or sharing, a row.
   */
  public Uni<Optional<Claim>> claimNext(String node) {
    return pool.withTransaction(
        db ->
            db.query(BOUNDED)
                .execute()
                .flatMap(
                    set ->
                        db.preparedQuery(
                                """
                    WITH next AS (
                        SELECT j.id FROM encoding_job j JOIN encoding_profile p ON p.id = j.profile_id
                        WHERE j.status = 'QUEUED' AND (%s)
                        ORDER BY j.priority DESC, j.created_at, j.id LIMIT 1
                        FOR UPDATE OF j SKIP LOCKED),
                    claimed AS (
                        UPDATE encoding_job j SET status = 'PROCESSING', node = $1, started_at = now(),
                            status_reason = NULL, error = NULL, progress_percent = 0, fps = NULL,
                            speed = NULL, eta_seconds = NULL, manual_pause = FALSE, version = version + 1,
                            claim_token = nextval('encoding_job_claim_token')
                        FROM next WHERE j.id = next.id RETURNING j.id, j.claim_token),
                    event AS (
                        INSERT INTO job_event (job_id, type, message)
                        SELECT id, $2, 'claimed by node ' || $1 FROM claimed)
                    SELECT id, claim_token FROM claimed
                    """
                                    .formatted(CAN_ENCODE.formatted("$1")))
                            .execute(Tuple.of(node, EventType.CLAIMED.name())))
                .map(rows -> first(rows, r -> new Claim(r.getLong(0), r.getLong(1)))));
  }

  /** What a claimed job's row says about how to run it. */
  public Uni<Optional<JobToRun>> loadForRun(long id) {
    return pool.preparedQuery(
            "SELECT id, input_path, output_path, overwrite, profile_id, ignore_thresholds,"
                + " output_mode, recycle_days FROM encoding_job WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                first(
                    rows,
                    r ->
                        new JobToRun(
                            r.getLong(0),
                            Path.of(r.getString(1)),
                            Path.of(r.getString(2)),
                            r.getBoolean(3),
                            r.getLong(4),
                            r.getBoolean(5),
                            OutputMode.byWire(r.getString(6)).orElseThrow(),
                            r.getInteger(7))));
  }

  /**
   * The run's stream plan (JSON), decided before ffmpeg starts, with its summary on the timeline.
   */
  public Uni<Boolean> planned(Claim claim, String planJson, String summary) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    "UPDATE encoding_job SET stream_plan = $2::text::jsonb, version = version + 1"
                        + " WHERE id = $1"
                        + HELD_AS_3)
                .execute(Tuple.of(claim.jobId(), planJson, claim.token()))
                .flatMap(
                    rows -> eventIfChanged(db, rows, claim.jobId(), EventType.PLANNED, summary)));
  }

  /**
   * A warning about the run on its timeline, such as cores of the settings this node lacks; false
   * when the claim is no longer held.
   */
  public Uni<Boolean> warned(Claim claim, String message) {
    return pool.preparedQuery(
            "INSERT INTO job_event (job_id, type, message) SELECT id, $3, $4 FROM encoding_job"
                + " WHERE id = $1"
                + HELD_AS_2)
        .execute(Tuple.of(claim.jobId(), claim.token(), EventType.WARNING.name(), message))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * The output passed its checks: the encode is done (100 %, which the row may not hold yet: it is
   * written every few seconds), and a timeline entry says which checks, before the job completes.
   */
  public Uni<Boolean> checked(Claim claim, String message) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    "UPDATE encoding_job SET progress_percent = 100, eta_seconds = 0 WHERE id = $1"
                        + HELD_AS_2)
                .execute(Tuple.of(claim.jobId(), claim.token()))
                .flatMap(
                    rows -> eventIfChanged(db, rows, claim.jobId(), EventType.CHECKED, message)));
  }

  /**
   * The run encodes the film in {@code count} chunks (null: in one pass), with a timeline entry
   * saying so and what it reuses, when {@code message} is given.
   */
  public Uni<Boolean> segmented(Claim claim, Integer count, String message) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    "UPDATE encoding_job SET segment_count = $2, version = version + 1"
                        + " WHERE id = $1"
                        + HELD_AS_3)
                .execute(Tuple.of(claim.jobId(), count, claim.token()))
                .flatMap(
                    rows ->
                        message == null
                            ? Uni.createFrom().item(rows.rowCount() == 1)
                            : eventIfChanged(
                                db, rows, claim.jobId(), EventType.SEGMENTED, message)));
  }

  /**
   * ffmpeg runs: its pid, the input's length, and a timeline entry saying how it was started (none
   * when {@code message} is null: the next chunk of a segmented encode).
   */
  public Uni<Boolean> started(Claim claim, long pid, Double durationSeconds, String message) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    "UPDATE encoding_job SET pid = $2, duration_seconds = $3, version = version + 1"
                        + " WHERE id = $1"
                        + HELD_AS_4)
                .execute(Tuple.of(claim.jobId(), pid, durationSeconds, claim.token()))
                .flatMap(
                    rows ->
                        message == null
                            ? Uni.createFrom().item(rows.rowCount() == 1)
                            : eventIfChanged(db, rows, claim.jobId(), EventType.STARTED, message)));
  }

  /**
   * Progress and usage; peaks only grow. No timeline entry: this is written every few seconds.
   * False when the claim is no longer held.
   */
  public Uni<Boolean> progress(
      Claim claim, double percent, Double fps, Double speed, Long eta, Double cpu, Long memory) {
    return pool.preparedQuery(
            """
            UPDATE encoding_job SET progress_percent = $2, fps = $3, speed = $4, eta_seconds = $5,
                cpu_percent = $6, memory_bytes = $7,
                peak_cpu_percent = GREATEST(COALESCE(peak_cpu_percent, 0), COALESCE($6, 0)),
                peak_memory_bytes = GREATEST(COALESCE(peak_memory_bytes, 0), COALESCE($7, 0))
            WHERE id = $1 AND claim_token IS NOT DISTINCT FROM $8
            """)
        .execute(
            Tuple.from(
                Arrays.asList(claim.jobId(), percent, fps, speed, eta, cpu, memory, claim.token())))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<Boolean> addPausedSeconds(Claim claim, double seconds) {
    return pool.preparedQuery(
            "UPDATE encoding_job SET paused_seconds = paused_seconds + $2 WHERE id = $1"
                + HELD_AS_3)
        .execute(Tuple.of(claim.jobId(), seconds, claim.token()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** A manual pause or resume; {@code manual_pause} holds the job paused until a manual resume. */
  public Uni<Boolean> setManualPause(Claim claim, boolean paused, String reason, String message) {
    long id = claim.jobId();
    // A manual pause may take over the governor's pause of a job that is PAUSED already.
    String[] from = paused ? new String[] {"PROCESSING", "PAUSED"} : new String[] {"PAUSED"};
    JobStatus to = paused ? JobStatus.PAUSED : JobStatus.PROCESSING;
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = $2, status_reason = $3, manual_pause = $4,
                        version = version + 1
                    WHERE id = $1 AND status = ANY($5) AND claim_token IS NOT DISTINCT FROM $6
                    """)
                .execute(Tuple.of(id, to.name(), reason, paused, from, claim.token()))
                .flatMap(
                    rows ->
                        eventIfChanged(
                            db, rows, id, paused ? EventType.PAUSED : EventType.RESUMED, message)));
  }

  /**
   * The governor's pause or resume of a job run under {@code claim}, with its reason; never touches
   * a job paused by hand, nor one requeued and claimed again meanwhile (by this node or another).
   */
  public Uni<Boolean> setThrottled(Claim claim, boolean paused, String reason) {
    return setThrottled(claim, paused, reason, false);
  }

  /**
   * As {@link #setThrottled(Claim, boolean, String)}; {@code released} says on the timeline that
   * the pause ended the encode's ffmpeg (a release pause) rather than stopping it.
   */
  public Uni<Boolean> setThrottled(Claim claim, boolean paused, String reason, boolean released) {
    long id = claim.jobId();
    JobStatus from = paused ? JobStatus.PROCESSING : JobStatus.PAUSED;
    JobStatus to = paused ? JobStatus.PAUSED : JobStatus.PROCESSING;
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = $2, status_reason = $3, version = version + 1
                    WHERE id = $1 AND status = $4 AND NOT manual_pause
                        AND claim_token IS NOT DISTINCT FROM $5
                    """)
                .execute(Tuple.of(id, to.name(), reason, from.name(), claim.token()))
                .flatMap(
                    rows ->
                        eventIfChanged(
                            db,
                            rows,
                            id,
                            paused ? EventType.THROTTLED : EventType.RESUMED,
                            !paused
                                ? "resumed: the machine is free again"
                                : released
                                    ? "released: "
                                        + reason
                                        + " (its ffmpeg ended, freeing its memory, VRAM and"
                                        + " encoder sessions; the chunk it was in is encoded"
                                        + " again on resume)"
                                    : "paused: " + reason)));
  }

  /**
   * Records how a run of the job ended, with its timeline entry; gives the state the job is in now,
   * or null when it was not running under {@code claim} (someone else ended it first, or the job
   * was taken from this node and its claim superseded). A {@link Outcome.Superseded} run writes
   * nothing: the job is another run's now.
   */
  public Uni<JobStatus> record(Claim claim, Outcome outcome) {
    long id = claim.jobId();
    Long token = claim.token();
    if (outcome instanceof Outcome.Superseded) {
      return Uni.createFrom().nullItem();
    }
    if (outcome instanceof Outcome.Completed completed) {
      return finish(
          id,
          """
          UPDATE encoding_job SET status = 'COMPLETED', status_reason = NULL,
              progress_percent = 100, eta_seconds = 0, pid = NULL, finished_at = now(),
              manual_pause = FALSE, input_bytes = $2, output_bytes = $3, version = version + 1
          WHERE id = $1 AND status IN ('PROCESSING', 'PAUSED', 'REPLACING')
              AND claim_token IS NOT DISTINCT FROM $4 RETURNING status
          """,
          Tuple.of(id, completed.inputBytes(), completed.outputBytes(), token),
          EventType.COMPLETED,
          completed.message());
    }
    if (outcome instanceof Outcome.Failed failed) {
      return finish(
          id,
          """
          UPDATE encoding_job SET status = 'FAILED', status_reason = $2, error = $3,
              pid = NULL, finished_at = now(), manual_pause = FALSE, version = version + 1
          WHERE id = $1 AND status IN ('PROCESSING', 'PAUSED', 'REPLACING')
              AND claim_token IS NOT DISTINCT FROM $4 RETURNING status
          """,
          Tuple.of(id, failed.reason(), failed.error(), token),
          EventType.FAILED,
          failed.reason());
    }
    if (outcome instanceof Outcome.Skipped skipped) {
      return finish(
          id,
          ended("SKIPPED"),
          Tuple.of(id, skipped.reason(), token),
          EventType.SKIPPED,
          skipped.reason() + "; " + skipped.consequence());
    }
    if (outcome instanceof Outcome.Cancelled cancelled) {
      return finish(
          id,
          ended("CANCELLED"),
          Tuple.of(id, "cancelled", token),
          EventType.CANCELLED,
          cancelled.message());
    }
    if (outcome instanceof Outcome.Requeued requeued) {
      return requeue(id, token, requeued);
    }
    throw new IllegalArgumentException("an outcome of no known kind: " + outcome);
  }

  /** A final state reached from a running one, with a reason. */
  private static String ended(String status) {
    return """
        UPDATE encoding_job SET status = '%s', status_reason = $2, pid = NULL,
            finished_at = now(), manual_pause = FALSE, version = version + 1
        WHERE id = $1 AND status IN ('PROCESSING', 'PAUSED')
            AND claim_token IS NOT DISTINCT FROM $3 RETURNING status
        """
        .formatted(status);
  }

  private Uni<JobStatus> finish(
      long id, String update, Tuple args, EventType type, String message) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(update)
                .execute(args)
                .flatMap(
                    rows -> {
                      Optional<JobStatus> now = first(rows, r -> JobStatus.valueOf(r.getString(0)));
                      return now.isEmpty()
                          ? Uni.createFrom().<JobStatus>nullItem()
                          : event(db, id, type, message).replaceWith(now.get());
                    }));
  }

  /** Puts a running job back in the queue; a job out of attempts fails instead. */
  private Uni<JobStatus> requeue(long id, Long token, Outcome.Requeued requeued) {
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
                        progress_percent = 0, replace_step = NULL, recycled_path = NULL,
                        output_inode = NULL, claim_token = NULL, version = version + 1
                    WHERE id = $1 AND status IN ('PROCESSING', 'PAUSED', 'REPLACING')
                        AND claim_token IS NOT DISTINCT FROM $5
                    RETURNING status
                    """)
                .execute(
                    Tuple.of(
                        id,
                        requeued.countAttempt() ? 1 : 0,
                        MAX_ATTEMPTS,
                        requeued.message(),
                        token))
                .flatMap(
                    rows -> {
                      Optional<JobStatus> now = first(rows, r -> JobStatus.valueOf(r.getString(0)));
                      if (now.isEmpty()) {
                        return Uni.createFrom().nullItem();
                      }
                      EventType type =
                          now.get() == JobStatus.QUEUED ? EventType.REQUEUED : EventType.FAILED;
                      return event(db, id, type, requeued.message()).replaceWith(now.get());
                    }));
  }

  /** Cancels a job no node has claimed; false when it is not queued (any more). */
  public Uni<Boolean> cancelQueued(long id, String by) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = 'CANCELLED', status_reason = $2,
                        finished_at = now(), version = version + 1
                    WHERE id = $1 AND status = 'QUEUED'
                    """)
                .execute(Tuple.of(id, "cancelled by " + by))
                .flatMap(
                    rows ->
                        eventIfChanged(db, rows, id, EventType.CANCELLED, "cancelled by " + by)));
  }

  /** Deletes a finished job and its timeline; false when there is no finished job of that id. */
  public Uni<Boolean> deleteFinished(long id) {
    return pool.preparedQuery(
            "DELETE FROM encoding_job WHERE id = $1"
                + " AND status IN ('COMPLETED', 'SKIPPED', 'FAILED', 'CANCELLED')"
                + " AND original_state IS DISTINCT FROM 'RECYCLED'"
                + " AND original_state IS DISTINCT FROM 'RESTORING'")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<Optional<JobView>> find(long id) {
    return pool.preparedQuery("SELECT * FROM encoding_job WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> first(rows, JobView::of));
  }

  /** A job's timeline, oldest first. */
  public Uni<List<EventView>> events(long id) {
    return pool.preparedQuery(
            "SELECT at, type, message FROM job_event WHERE job_id = $1 ORDER BY at, id")
        .execute(Tuple.of(id))
        .map(
            rows ->
                all(
                    rows,
                    r ->
                        new EventView(
                            instant(r.getOffsetDateTime(0)), r.getString(1), r.getString(2))));
  }

  /**
   * A page of the job list in queue order, all jobs or those of one status, with the total of the
   * list (see {@link ListTotals}). The page's ids come from the list's index alone (V4), and only
   * those rows are read: a deep page skips index entries, not table rows.
   */
  public Uni<JobPage> page(JobStatus status, int page, int size) {
    String filter = status == null ? "" : "WHERE status = $3";
    var args = Tuple.of((long) page * size, size);
    if (status != null) {
      args.addString(status.name());
    }
    return pool.preparedQuery(
            """
            SELECT j.*, %s AS waiting_for FROM encoding_job j JOIN (
                SELECT id FROM encoding_job %s
                ORDER BY priority DESC, created_at, id OFFSET $1 LIMIT $2) page USING (id)
            LEFT JOIN encoding_profile p ON p.id = j.profile_id
            ORDER BY j.priority DESC, j.created_at, j.id
            """
                .formatted(WAITING_FOR, filter))
        .execute(args)
        .map(rows -> all(rows, JobView::of))
        .flatMap(
            jobs ->
                totals
                    .total(status == null ? "" : status.name(), () -> count(status))
                    .map(total -> new JobPage(jobs, page, size, total)));
  }

  /** How many jobs the list holds, all or of one status. */
  Uni<Long> count(JobStatus status) {
    return (status == null
            ? pool.query("SELECT count(*) FROM encoding_job").execute()
            : pool.preparedQuery("SELECT count(*) FROM encoding_job WHERE status = $1")
                .execute(Tuple.of(status.name())))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** How many jobs are in each state; every state is in the map. */
  public Uni<Map<JobStatus, Long>> countByStatus() {
    return pool.query("SELECT status, count(*) FROM encoding_job GROUP BY status")
        .execute()
        .map(
            rows -> {
              var counts = new EnumMap<JobStatus, Long>(JobStatus.class);
              for (JobStatus status : JobStatus.values()) {
                counts.put(status, 0L);
              }
              rows.forEach(r -> counts.put(JobStatus.valueOf(r.getString(0)), r.getLong(1)));
              return counts;
            });
  }

  /** How many jobs, of any state, were made with the profile. */
  public Uni<Long> countUsingProfile(long profileId) {
    return pool.preparedQuery("SELECT count(*) FROM encoding_job WHERE profile_id = $1")
        .execute(Tuple.of(profileId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * What the completed jobs did, all of them or those whose input lies under {@code folder}: how
   * many, their sizes before and after, the hours they encoded and were paused.
   */
  public Uni<JobStats> stats(String folder) {
    return completedWithSizes(
            """
            SELECT count(*), COALESCE(sum(input_bytes), 0), COALESCE(sum(output_bytes), 0),
                COALESCE(sum(EXTRACT(EPOCH FROM finished_at - started_at)), 0) / 3600.0,
                COALESCE(sum(paused_seconds), 0) / 3600.0
            FROM encoding_job WHERE %s
            """,
            folder, List.of())
        .map(
            rows -> {
              Row r = rows.iterator().next();
              long before = r.getLong(1);
              long after = r.getLong(2);
              return new JobStats(
                  r.getLong(0), before, after, before - after, r.getDouble(3), r.getDouble(4));
            });
  }

  /** What the jobs that ended in {@code [from, to)} did, and how many are queued now. */
  public Uni<DayDigest> digest(Instant from, Instant to) {
    return pool.preparedQuery(
            """
            SELECT count(*) FILTER (WHERE status = 'COMPLETED'),
                count(*) FILTER (WHERE status = 'FAILED'),
                count(*) FILTER (WHERE status = 'SKIPPED'),
                COALESCE(sum(input_bytes - output_bytes) FILTER (WHERE status = 'COMPLETED'), 0),
                COALESCE(sum(paused_seconds), 0),
                (SELECT count(*) FROM encoding_job WHERE status = 'QUEUED')
            FROM encoding_job WHERE finished_at >= $1 AND finished_at < $2
            """)
        .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new DayDigest(
                  from,
                  to,
                  r.getLong(0),
                  r.getLong(1),
                  r.getLong(2),
                  r.getLong(3),
                  r.getDouble(4),
                  r.getLong(5));
            });
  }

  /**
   * The space saved on each of the last {@code days} days, today included, as days are counted in
   * {@code zone}; for all jobs or those under {@code folder}.
   */
  public Uni<List<DaySaved>> savedByDay(String folder, ZoneId zone, int days) {
    LocalDate first = LocalDate.now(zone).minusDays(days - 1L);
    return completedWithSizes(
            """
            SELECT (finished_at AT TIME ZONE $1)::date, count(*), sum(input_bytes), sum(output_bytes)
            FROM encoding_job WHERE finished_at >= $2 AND %s GROUP BY 1
            """,
            folder, List.of(zone.getId(), first.atStartOfDay(zone).toOffsetDateTime()))
        .map(
            rows -> {
              var done = new HashMap<LocalDate, DaySaved>();
              for (Row r : rows) {
                LocalDate day = r.getLocalDate(0);
                done.put(day, DaySaved.of(day, r.getLong(1), r.getLong(2), r.getLong(3)));
              }
              return DaySaved.everyDay(first, days, done);
            });
  }

  /**
   * Runs {@code sql} whose {@code %s} becomes the condition on completed jobs with sizes (and,
   * given a folder, whose input lies under it); the folder is the parameter after {@code params}.
   */
  private Uni<RowSet<Row>> completedWithSizes(String sql, String folder, List<Object> params) {
    var values = new ArrayList<Object>(params);
    // A restored original undid its job's saving.
    String condition =
        "status = 'COMPLETED' AND input_bytes IS NOT NULL"
            + " AND original_state IS DISTINCT FROM 'RESTORED'";
    if (folder != null) {
      values.add(folder.endsWith("/") ? folder : folder + "/");
      condition += " AND starts_with(input_path, $" + values.size() + ")";
    }
    return pool.preparedQuery(sql.formatted(condition)).execute(Tuple.from(values));
  }

  /**
   * A replace-mode job's checked output begins to take the input's place: REPLACING, its journal at
   * {@link ReplaceStep#PLACE}, with where the original will lie and the new file's size and inode.
   * False when the job is not running (any more).
   */
  public Uni<Boolean> beginReplace(
      Claim claim, Path recycledPath, long inputBytes, long outputBytes, long outputInode) {
    long id = claim.jobId();
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    UPDATE encoding_job SET status = 'REPLACING', replace_step = 'PLACE',
                        recycled_path = $2, input_bytes = $3, output_bytes = $4, output_inode = $5,
                        status_reason = NULL, pid = NULL, progress_percent = 100, eta_seconds = 0,
                        manual_pause = FALSE, version = version + 1
                    WHERE id = $1 AND status IN ('PROCESSING', 'PAUSED')
                        AND claim_token IS NOT DISTINCT FROM $6
                    """)
                .execute(
                    Tuple.from(
                        Arrays.asList(
                            id,
                            recycledPath.toString(),
                            inputBytes,
                            outputBytes,
                            outputInode,
                            claim.token())))
                .flatMap(
                    rows ->
                        eventIfChanged(
                            db,
                            rows,
                            id,
                            EventType.REPLACING,
                            "output checked and synced; it takes the input's place and the"
                                + " original moves to "
                                + recycledPath)));
  }

  /** The replace's journal moves on to {@code step}, written before the step is made. */
  public Uni<Boolean> replaceStep(Claim claim, ReplaceStep step) {
    return pool.preparedQuery(
            "UPDATE encoding_job SET replace_step = $2, version = version + 1"
                + " WHERE id = $1 AND status = 'REPLACING'"
                + HELD_AS_3)
        .execute(Tuple.of(claim.jobId(), step.name(), claim.token()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Every file-system step of the replace is made and durable: the journal at {@link
   * ReplaceStep#DONE}, with what became of the original and until when it is kept. {@link #record}
   * of the completion follows.
   */
  public Uni<Boolean> replaceDone(Claim claim, OriginalState original, Instant keptUntil) {
    return pool.preparedQuery(
            "UPDATE encoding_job SET replace_step = 'DONE', original_state = $2,"
                + " recycle_until = $3, version = version + 1"
                + " WHERE id = $1 AND status = 'REPLACING'"
                + HELD_AS_4)
        .execute(
            Tuple.of(
                claim.jobId(),
                original.name(),
                keptUntil == null ? null : OffsetDateTime.ofInstant(keptUntil, ZoneOffset.UTC),
                claim.token()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Jobs this node left REPLACING: a start completes or undoes each one's replace. */
  public Uni<List<LeftReplacing>> replacingOn(String node) {
    return pool.preparedQuery(
            "SELECT id, replace_step, input_path, output_path, recycled_path, input_bytes,"
                + " output_bytes, recycle_days, output_inode, claim_token FROM encoding_job"
                + " WHERE node = $1 AND status = 'REPLACING'")
        .execute(Tuple.of(node))
        .map(
            rows ->
                all(
                    rows,
                    r ->
                        new LeftReplacing(
                            r.getLong(0),
                            ReplaceStep.valueOf(r.getString(1)),
                            Path.of(r.getString(2)),
                            Path.of(r.getString(3)),
                            Path.of(r.getString(4)),
                            r.getLong(5),
                            r.getLong(6),
                            r.getInteger(7),
                            r.getLong(8),
                            r.getLong(9))));
  }

  private static final String RECYCLED_COLUMNS =
      "SELECT id, status, input_path, output_path, recycled_path, output_inode, output_bytes,"
          + " original_state, recycle_until FROM encoding_job";

  /** A job's replace, as its row records it; empty when there is no such job. */
  public Uni<Optional<Recycled>> recycled(long id) {
    return pool.preparedQuery(RECYCLED_COLUMNS + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> first(rows, JobQueue::recycled));
  }

  /** Originals in the recycle folder whose days there are up, of jobs {@code node} replaced. */
  public Uni<List<Recycled>> expiredOriginals(String node) {
    return pool.preparedQuery(
            RECYCLED_COLUMNS
                + " WHERE original_state = 'RECYCLED' AND recycle_until < now() AND node = $1")
        .execute(Tuple.of(node))
        .map(rows -> all(rows, JobQueue::recycled));
  }

  /** Restores that {@code node} left half done. */
  public Uni<List<Recycled>> restoringOn(String node) {
    return pool.preparedQuery(
            RECYCLED_COLUMNS + " WHERE original_state = 'RESTORING' AND node = $1")
        .execute(Tuple.of(node))
        .map(rows -> all(rows, JobQueue::recycled));
  }

  /**
   * The original of a job goes from {@code from} to {@code to}, with a timeline entry saying {@code
   * message} (none for the steps in between); false when it was not in {@code from} (someone else
   * moved it first). {@code node}, where not null, becomes the job's node: the one that restores.
   */
  public Uni<Boolean> markOriginal(
      long id, OriginalState from, OriginalState to, String node, String message) {
    EventType type =
        switch (to) {
          case RESTORED -> EventType.RESTORED;
          case SWEPT, DELETED -> EventType.SWEPT;
          case GONE -> EventType.RESTORE_REFUSED;
          case RESTORING, RECYCLED -> null;
        };
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    "UPDATE encoding_job SET original_state = $3, node = COALESCE($4, node),"
                        + " version = version + 1 WHERE id = $1 AND original_state = $2")
                .execute(Tuple.of(id, from.name(), to.name(), node))
                .flatMap(
                    rows ->
                        type == null
                            ? Uni.createFrom().item(rows.rowCount() == 1)
                            : eventIfChanged(db, rows, id, type, message)));
  }

  /** A timeline entry saying a restore was refused, and why. */
  public Uni<Void> restoreRefused(long id, String why) {
    return pool.withTransaction(db -> event(db, id, EventType.RESTORE_REFUSED, why));
  }

  private static Recycled recycled(Row r) {
    String recycled = r.getString(4);
    String state = r.getString(7);
    return new Recycled(
        r.getLong(0),
        JobStatus.valueOf(r.getString(1)),
        Path.of(r.getString(2)),
        Path.of(r.getString(3)),
        recycled == null ? null : Path.of(recycled),
        r.getLong(5),
        r.getLong(6),
        state == null ? null : OriginalState.valueOf(state),
        instant(r.getOffsetDateTime(8)));
  }

  /** Jobs this node left running: after a crash these have no process under this service. */
  public Uni<List<LeftRunning>> runningOn(String node) {
    return pool.preparedQuery(
            "SELECT id, pid, output_path, claim_token FROM encoding_job"
                + " WHERE node = $1 AND status IN ('PROCESSING', 'PAUSED')")
        .execute(Tuple.of(node))
        .map(
            rows ->
                all(
                    rows,
                    r ->
                        new LeftRunning(
                            r.getLong(0),
                            r.getLong(1),
                            r.getString(2),
                            new Claim(r.getLong(0), r.getLong(3)))));
  }

  /** A lease {@code l} that ran out: its node has been silent for longer than it promised. */
  static final String LAPSED = "l.renewed_at + l.lease_ms * interval '1 millisecond' < now()";

  /**
   * Requeues, with one more attempt, every PROCESSING or PAUSED job of a node other than {@code by}
   * whose lease ran out; its timeline says which node was lost, for how long it had been silent,
   * and who took the job. A job out of attempts fails instead. REPLACING jobs are never taken:
   * their journal needs their own node ({@link #noteReplacingOnLostNodes}). A node without a lease
   * row is never judged lost. Rows another node is taking at the same moment are skipped.
   */
  public Uni<List<TakenFromLostNode>> requeueFromLostNodes(String by) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    """
                    WITH lost AS (
                        SELECT j.id, j.node, j.claim_token, l.lease_ms,
                            EXTRACT(EPOCH FROM now() - l.renewed_at) AS silent
                        FROM encoding_job j JOIN node_lease l ON l.node = j.node
                        WHERE j.status IN ('PROCESSING', 'PAUSED') AND j.node <> $1 AND %s
                        FOR UPDATE OF j SKIP LOCKED),
                    taken AS (
                        UPDATE encoding_job j SET
                            attempts = attempts + 1,
                            status = CASE WHEN attempts + 1 >= $2 THEN 'FAILED' ELSE 'QUEUED' END,
                            status_reason = CASE WHEN attempts + 1 >= $2
                                THEN 'failed ' || (attempts + 1) || ' times'
                                ELSE 'node ' || lost.node || ' was lost' END,
                            finished_at = CASE WHEN attempts + 1 >= $2 THEN now() ELSE NULL END,
                            node = NULL, pid = NULL, started_at = NULL, manual_pause = FALSE,
                            progress_percent = 0, claim_token = NULL, version = version + 1
                        FROM lost WHERE j.id = lost.id
                        RETURNING j.id, j.status, j.output_path, lost.node, lost.claim_token,
                            lost.lease_ms, lost.silent),
                    event AS (
                        INSERT INTO job_event (job_id, type, message)
                        SELECT id, CASE WHEN status = 'QUEUED' THEN $3 ELSE $4 END,
                            'node ' || node || ' was lost: silent for '
                                || round(silent::numeric, 1) || ' s, longer than its lease of '
                                || round(lease_ms / 1000.0, 1) || ' s; taken by node ' || $1
                                || ' with one more attempt'
                        FROM taken)
                    SELECT id, status, output_path, node, claim_token FROM taken
                    """
                        .formatted(LAPSED))
                .execute(
                    Tuple.of(by, MAX_ATTEMPTS, EventType.REQUEUED.name(), EventType.FAILED.name()))
                .map(
                    rows ->
                        all(
                            rows,
                            r ->
                                new TakenFromLostNode(
                                    r.getLong(0),
                                    JobStatus.valueOf(r.getString(1)),
                                    r.getString(2),
                                    r.getString(3),
                                    new Claim(r.getLong(0), r.getLong(4))))));
  }

  /**
   * Says on the timeline of each REPLACING job of a lost node (once per replace) that it waits for
   * that node: its files are between two journaled steps on that node's file system, and only its
   * next start completes or undoes them; requeued, a new encode could not know where the original
   * is. Gives the ids newly noted.
   */
  public Uni<List<Long>> noteReplacingOnLostNodes(String by) {
    return pool.preparedQuery(
            """
            INSERT INTO job_event (job_id, type, message)
            SELECT j.id, $2, 'node ' || j.node || ' was lost while the job replaced its input (step '
                || j.replace_step || '); it stays REPLACING: only that node completes or undoes'
                || ' the replace, at its next start (start a node named ' || j.node
                || ' where these files are)'
            FROM encoding_job j JOIN node_lease l ON l.node = j.node
            WHERE j.status = 'REPLACING' AND j.node <> $1 AND %s
              AND NOT EXISTS (
                  SELECT 1 FROM job_event e WHERE e.job_id = j.id AND e.type = $2
                  AND e.id > (SELECT max(r.id) FROM job_event r
                              WHERE r.job_id = j.id AND r.type = $3))
            RETURNING job_id
            """
                .formatted(LAPSED))
        .execute(Tuple.of(by, EventType.NODE_LOST.name(), EventType.REPLACING.name()))
        .map(rows -> all(rows, r -> r.getLong(0)));
  }

  /** How many jobs are REPLACING on nodes whose lease ran out: each waits for its node. */
  public Uni<Long> countReplacingOnLostNodes() {
    return pool.query(
            "SELECT count(*) FROM encoding_job j JOIN node_lease l ON l.node = j.node"
                + " WHERE j.status = 'REPLACING' AND "
                + LAPSED)
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Which of {@code claims} still hold: the job's token is still theirs. A requeue clears it and a
   * claim sets a new one; a run's own outcome keeps it, so a run that has just ended is not taken
   * for superseded.
   */
  public Uni<Set<Long>> stillHeld(List<Claim> claims) {
    var held = new HashSet<Long>();
    var ids = new ArrayList<Long>();
    var tokens = new ArrayList<Long>();
    for (Claim claim : claims) {
      if (claim.token() == null) {
        held.add(claim.jobId());
      } else {
        ids.add(claim.jobId());
        tokens.add(claim.token());
      }
    }
    if (ids.isEmpty()) {
      return Uni.createFrom().item(held);
    }
    return pool.preparedQuery(
            """
            SELECT j.id FROM encoding_job j
            JOIN unnest($1::bigint[], $2::bigint[]) AS c(id, token)
                ON j.id = c.id AND j.claim_token = c.token
            """)
        .execute(Tuple.of(ids.toArray(Long[]::new), tokens.toArray(Long[]::new)))
        .map(
            rows -> {
              rows.forEach(r -> held.add(r.getLong(0)));
              return held;
            });
  }

  private static Uni<Boolean> eventIfChanged(
      SqlClient db, RowSet<Row> rows, long id, EventType type, String message) {
    return rows.rowCount() == 1
        ? event(db, id, type, message).replaceWith(true)
        : Uni.createFrom().item(false);
  }

  private static Uni<Void> event(SqlClient db, long id, EventType type, String message) {
    return db.preparedQuery("INSERT INTO job_event (job_id, type, message) VALUES ($1, $2, $3)")
        .execute(Tuple.of(id, type.name(), message))
        .replaceWithVoid();
  }

  private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(map.apply(rows.iterator().next()));
  }

  private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
    var list = new ArrayList<T>(rows.size());
    rows.forEach(r -> list.add(map.apply(r)));
    return list;
  }

  static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
