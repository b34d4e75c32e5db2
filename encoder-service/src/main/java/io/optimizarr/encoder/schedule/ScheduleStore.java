package io.optimizarr.encoder.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** Reads and writes the one row of {@code schedule_settings}. */
@ApplicationScoped
public class ScheduleStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A window as stored: days as {@code MON}…{@code SUN}, times as {@code HH:mm}. */
  record StoredWindow(List<String> days, String start, String end) {}

  private final Pool pool;

  ScheduleStore(Pool pool) {
    this.pool = pool;
  }

  public Uni<Schedule> load() {
    return pool.query("SELECT * FROM schedule_settings WHERE id = 1")
        .execute()
        .map(rows -> of(rows.iterator().next()));
  }

  /** Replaces the windows, the policy and the idle rule; the run-now override is kept. */
  public Uni<Schedule> save(Schedule s) {
    Idle idle = s.idle();
    return pool.preparedQuery(
            """
            UPDATE schedule_settings SET windows = $1, outside_window = $2, idle_enabled = $3,
                idle_cpu_below = $4, idle_after_minutes = $5, idle_in_use_after_seconds = $6,
                idle_cpu_threshold = $7, idle_memory_threshold = $8, idle_gpu_threshold = $9,
                updated_at = now()
            WHERE id = 1
            """)
        .execute(
            Tuple.from(
                List.of(
                    windowsJson(s.windows()),
                    s.outsideWindow().name(),
                    idle.enabled(),
                    idle.cpuBelow(),
                    idle.afterMinutes(),
                    idle.inUseAfterSeconds(),
                    idle.cpuThreshold(),
                    idle.memoryThreshold(),
                    idle.gpuThreshold())))
        .flatMap(done -> load());
  }

  /** Sets or (with null) ends the run-now override. */
  public Uni<Schedule> runNowUntil(Instant until) {
    return pool.preparedQuery(
            "UPDATE schedule_settings SET run_now_until = $1, updated_at = now() WHERE id = 1")
        .execute(Tuple.of(until == null ? null : until.atOffset(ZoneOffset.UTC)))
        .flatMap(done -> load());
  }

  private static Schedule of(Row r) {
    var until = r.getOffsetDateTime("run_now_until");
    return new Schedule(
        windows(r.getString("windows")),
        OutsideWindow.valueOf(r.getString("outside_window")),
        until == null ? null : until.toInstant(),
        new Idle(
            r.getBoolean("idle_enabled"),
            r.getInteger("idle_cpu_below"),
            r.getInteger("idle_after_minutes"),
            r.getInteger("idle_in_use_after_seconds"),
            r.getInteger("idle_cpu_threshold"),
            r.getInteger("idle_memory_threshold"),
            r.getInteger("idle_gpu_threshold")));
  }

  static String windowsJson(List<EncodingWindow> windows) {
    try {
      return JSON.writeValueAsString(
          windows.stream()
              .map(
                  w ->
                      new StoredWindow(
                          w.days().stream().map(ScheduleStore::dayName).toList(),
                          w.start().toString(),
                          w.end().toString()))
              .toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<EncodingWindow> windows(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<StoredWindow>>() {}).stream()
          .map(w -> EncodingWindow.of(w.days(), w.start(), w.end()))
          .toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("schedule_settings.windows is not valid JSON", e);
    }
  }

  /** {@code MON}, {@code TUE}, … */
  public static String dayName(DayOfWeek day) {
    return day.name().substring(0, 3);
  }

  /** The day a name such as {@code MON} or {@code monday} stands for. */
  public static DayOfWeek day(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equals(upper) || dayName(day).equals(upper)) {
        return day;
      }
    }
    throw new IllegalArgumentException("not a day of the week: " + name);
  }
}
