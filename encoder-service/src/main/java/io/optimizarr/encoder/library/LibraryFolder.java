package io.optimizarr.encoder.library;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A folder of the library and how its last scan went.
 *
 * @param scanState {@code NEVER}, {@code SCANNING}, {@code DONE} or {@code FAILED}
 * @param skipReasons how many files the last scan left alone, by why
 * @param outputMode {@code beside} or {@code replace} for this folder's jobs; null: the profile's
 * @param rescanMinutes scanned again this long after its last scan began; 0: on events and by hand
 * @param settleSeconds a file changed less than this long ago is left for a later scan
 * @param rescanAt a scan is wanted from then on (a file-system event, or a file left to settle)
 */
public record LibraryFolder(
    long id,
    String path,
    long profileId,
    List<String> extensions,
    String scanState,
    Instant scanStartedAt,
    Instant scanFinishedAt,
    int filesSeen,
    int filesQueued,
    int filesSkipped,
    Map<String, Integer> skipReasons,
    String scanError,
    String outputMode,
    int rescanMinutes,
    int settleSeconds,
    Instant rescanAt) {}
