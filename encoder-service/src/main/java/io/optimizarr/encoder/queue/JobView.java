package io.optimizarr.encoder.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/**
 * A job as the API and UI see it (names: docs/API.md); {@code streamPlan} is the plan its run
 * decided, as stored. A replace-mode job shows its journal's step while REPLACING, and afterwards
 * where its original is kept, what became of it, and whether (and until when) it can be restored.
 * {@code segmentCount}: how many chunks its last run cut the film into (null: one pass). {@code
 * waitingFor}, in the job list: why a queued job waits where no live node can encode it ("no node
 * can encode hevc_vaapi on /dev/dri/renderD128"); null otherwise and elsewhere.
 */
public record JobView(
    Long id,
    String inputPath,
    String outputPath,
    Long profileId,
    int priority,
    JobStatus status,
    String statusReason,
    double progressPercent,
    Double fps,
    Double speed,
    Long etaSeconds,
    String node,
    Long pid,
    int attempts,
    String error,
    Double cpuPercent,
    Long memoryBytes,
    Double peakCpuPercent,
    Long peakMemoryBytes,
    double pausedSeconds,
    boolean ignoreThresholds,
    Long inputBytes,
    Long outputBytes,
    JsonNode streamPlan,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String outputMode,
    ReplaceStep replaceStep,
    String recycledPath,
    OriginalState originalState,
    Instant recycleUntil,
    boolean restorable,
    Integer segmentCount,
    String waitingFor) {

  /** A row of {@code encoding_job}, read with the reactive client. */
  static JobView of(Row r) {
    return new JobView(
        r.getLong("id"),
        r.getString("input_path"),
        r.getString("output_path"),
        r.getLong("profile_id"),
        r.getInteger("priority"),
        JobStatus.valueOf(r.getString("status")),
        r.getString("status_reason"),
        r.getDouble("progress_percent"),
        r.getDouble("fps"),
        r.getDouble("speed"),
        r.getLong("eta_seconds"),
        r.getString("node"),
        r.getLong("pid"),
        r.getInteger("attempts"),
        r.getString("error"),
        r.getDouble("cpu_percent"),
        r.getLong("memory_bytes"),
        r.getDouble("peak_cpu_percent"),
        r.getLong("peak_memory_bytes"),
        r.getDouble("paused_seconds"),
        r.getBoolean("ignore_thresholds"),
        r.getLong("input_bytes"),
        r.getLong("output_bytes"),
        plan(r.getValue("stream_plan")),
        JobQueue.instant(r.getOffsetDateTime("created_at")),
        JobQueue.instant(r.getOffsetDateTime("started_at")),
        JobQueue.instant(r.getOffsetDateTime("finished_at")),
        r.getString("output_mode"),
        r.getString("replace_step") == null
            ? null
            : ReplaceStep.valueOf(r.getString("replace_step")),
        r.getString("recycled_path"),
        original(r),
        JobQueue.instant(r.getOffsetDateTime("recycle_until")),
        original(r) == OriginalState.RECYCLED
            && JobStatus.valueOf(r.getString("status")) == JobStatus.COMPLETED,
        r.getInteger("segment_count"),
        r.getColumnIndex("waiting_for") < 0 ? null : r.getString("waiting_for"));
  }

  private static OriginalState original(Row r) {
    String state = r.getString("original_state");
    return state == null ? null : OriginalState.valueOf(state);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode plan(Object stored) {
    if (stored == null) {
      return null;
    }
    try {
      return JSON.readTree(stored.toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stream_plan holds no JSON", e);
    }
  }
}
