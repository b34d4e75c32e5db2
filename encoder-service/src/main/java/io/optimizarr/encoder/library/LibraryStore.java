package io.optimizarr.encoder.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code library_folder} table, and what a scan reads of its profile. */
@ApplicationScoped
public class LibraryStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a scan needs of its profile. */
  /** How a folder is scanned: all of it but its path, which never changes. */
  public record FolderSettings(
      long profileId,
      List<String> extensions,
      String outputMode,
      int rescanMinutes,
      int settleSeconds) {}

  record ProfileTarget(
      String videoCodec,
      String container,
      boolean skipIfTargetCodec,
      String outputMode,
      int recycleDays) {}

  private final Pool pool;

  LibraryStore(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<LibraryFolder>> all() {
    return pool.query("SELECT * FROM library_folder ORDER BY path")
        .execute()
        .map(LibraryStore::folders);
  }

  public Uni<Optional<LibraryFolder>> find(long id) {
    return pool.preparedQuery("SELECT * FROM library_folder WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> folders(rows).stream().findFirst());
  }

  /** The library folder that holds this path, the innermost where folders nest. */
  public Uni<Optional<LibraryFolder>> holding(String path) {
    return pool.preparedQuery(
            "SELECT * FROM library_folder WHERE $1 = path OR starts_with($1, path || '/')"
                + " ORDER BY length(path) DESC LIMIT 1")
        .execute(Tuple.of(path))
        .map(rows -> folders(rows).stream().findFirst());
  }

  public Uni<LibraryFolder> create(String path, FolderSettings settings) {
    return pool.preparedQuery(
            "INSERT INTO library_folder (path, profile_id, extensions, output_mode,"
                + " rescan_minutes, settle_seconds) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *")
        .execute(
            Tuple.of(
                path,
                settings.profileId(),
                settings.extensions().toArray(String[]::new),
                settings.outputMode(),
                settings.rescanMinutes(),
                settings.settleSeconds()))
        .map(rows -> folders(rows).get(0));
  }

  /** Changes how a folder is scanned; empty when there is no such folder. */
  public Uni<Optional<LibraryFolder>> update(long id, FolderSettings settings) {
    return pool.preparedQuery(
            "UPDATE library_folder SET profile_id = $2, extensions = $3, output_mode = $4,"
                + " rescan_minutes = $5, settle_seconds = $6 WHERE id = $1 RETURNING *")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    settings.profileId(),
                    settings.extensions().toArray(String[]::new),
                    settings.outputMode(),
                    settings.rescanMinutes(),
                    settings.settleSeconds())))
        .map(rows -> folders(rows).stream().findFirst());
  }

  /** Deletes a folder that is not being scanned; false when there is none such. */
  public Uni<Boolean> delete(long id) {
    return pool.preparedQuery(
            "DELETE FROM library_folder WHERE id = $1 AND scan_state <> 'SCANNING'")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Marks a scan begun by {@code node} at {@code at} (the node's clock), wanting no other scan
   * until then; empty when one is running already.
   */
  public Uni<Optional<LibraryFolder>> startScan(long id, String node, Instant at) {
    return pool.preparedQuery(
            """
            UPDATE library_folder SET scan_state = 'SCANNING', scan_node = $2,
                scan_started_at = $3, scan_finished_at = NULL, files_seen = 0, files_queued = 0,
                files_skipped = 0, skip_reasons = '{}', scan_error = NULL, rescan_at = NULL
            WHERE id = $1 AND scan_state <> 'SCANNING' RETURNING *
            """)
        .execute(Tuple.of(id, node, at.atOffset(ZoneOffset.UTC)))
        .map(rows -> folders(rows).stream().findFirst());
  }

  /** Asks for a scan of the folder from {@code at} on, unless one is wanted sooner already. */
  public Uni<Void> wantScan(long id, Instant at) {
    return pool.preparedQuery(
            "UPDATE library_folder SET rescan_at = LEAST(COALESCE(rescan_at, $2), $2) WHERE id = $1")
        .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /**
   * The folders to scan at {@code now}: not scanning, and wanted ({@link #wantScan}) or last begun
   * their {@code rescan_minutes} ago (a folder is first scanned when it is added).
   */
  public Uni<List<LibraryFolder>> due(Instant now) {
    return pool.preparedQuery(
            """
            SELECT * FROM library_folder WHERE scan_state <> 'SCANNING' AND (rescan_at <= $1
                OR (rescan_minutes > 0
                    AND scan_started_at <= $1 - make_interval(mins => rescan_minutes)))
            ORDER BY id
            """)
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
        .map(LibraryStore::folders);
  }

  /** Records a scan's counts so far, or (with {@code state} DONE or FAILED) its end. */
  public Uni<Void> progress(long id, ScanCounts counts, String state, String error) {
    return pool.preparedQuery(
            """
            UPDATE library_folder SET files_seen = $2, files_queued = $3, files_skipped = $4,
                skip_reasons = $5, scan_state = $6, scan_error = $7,
                scan_finished_at = CASE WHEN $6 = 'SCANNING' THEN NULL ELSE now() END
            WHERE id = $1
            """)
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    counts.seen(),
                    counts.queued(),
                    counts.skipped(),
                    json(counts.reasons()),
                    state,
                    error)))
        .replaceWithVoid();
  }

  /** Scans a stopped node left running: they never finish now. */
  public Uni<Void> abandonScansOf(String node) {
    return pool.preparedQuery(
            "UPDATE library_folder SET scan_state = 'FAILED', scan_finished_at = now(),"
                + " scan_error = 'the service stopped during the scan; scan again'"
                + " WHERE scan_node = $1 AND scan_state = 'SCANNING'")
        .execute(Tuple.of(node))
        .replaceWithVoid();
  }

  public Uni<Optional<ProfileTarget>> profile(long id) {
    return pool.preparedQuery(
            "SELECT video_codec, container, skip_if_target_codec, output_mode, recycle_days"
                + " FROM encoding_profile WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new ProfileTarget(
                      row.getString(0),
                      row.getString(1),
                      row.getBoolean(2),
                      row.getString(3),
                      row.getInteger(4)));
            });
  }

  private static List<LibraryFolder> folders(RowSet<Row> rows) {
    var list = new ArrayList<LibraryFolder>();
    rows.forEach(r -> list.add(folder(r)));
    return list;
  }

  private static LibraryFolder folder(Row r) {
    return new LibraryFolder(
        r.getLong("id"),
        r.getString("path"),
        r.getLong("profile_id"),
        List.of(r.getArrayOfStrings("extensions")),
        r.getString("scan_state"),
        instant(r.getOffsetDateTime("scan_started_at")),
        instant(r.getOffsetDateTime("scan_finished_at")),
        r.getInteger("files_seen"),
        r.getInteger("files_queued"),
        r.getInteger("files_skipped"),
        reasons(r.getString("skip_reasons")),
        r.getString("scan_error"),
        r.getString("output_mode"),
        r.getInteger("rescan_minutes"),
        r.getInteger("settle_seconds"),
        instant(r.getOffsetDateTime("rescan_at")));
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  private static String json(Map<String, Integer> reasons) {
    try {
      return JSON.writeValueAsString(reasons);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Integer> reasons(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Integer>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
