package io.optimizarr.encoder.library;

import java.util.List;

/**
 * A folder as admins add it: its path (absolute, or relative to the first media root), the profile
 * its files are queued with, and the extensions to take (a common list of video types when null).
 */
public record LibraryInput(String path, Long profileId, List<String> extensions) {}
