package io.optimizarr.encoder.library;

import java.util.List;

/**
 * A folder as admins add it: its path (absolute, or relative to the first media root), the profile
 * its files are queued with, the extensions to take (a common list of video types when null), and
 * an output mode ({@code beside} or {@code replace}) that overrides the profile's (null: the
 * profile's). {@code rescanMinutes} (0–10,080, default 60; 0: on file-system events and by hand
 * only) and {@code settleSeconds} (0–86,400, default 60) as in {@link LibraryFolder}.
 */
public record LibraryInput(
    String path,
    Long profileId,
    List<String> extensions,
    String outputMode,
    Integer rescanMinutes,
    Integer settleSeconds) {}
