package io.optimizarr.encoder.library;

import java.util.List;

/**
 * A folder as admins add it: its path (absolute, or relative to the first media root), the profile
 * its files are queued with, the extensions to take (a common list of video types when null), and
 * an output mode ({@code beside} or {@code replace}) that overrides the profile's (null: the
 * profile's).
 */
public record LibraryInput(
    String path, Long profileId, List<String> extensions, String outputMode) {}
