package io.optimizarr.encoder.queue;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A replace-mode job's files as its row records them: the input's place, the output's (the same
 * name, or the new extension's), where the original lies in the recycle folder, the new file's
 * inode and size (so a restore removes only the file we wrote), and what became of the original.
 */
public record Recycled(
    long id,
    JobStatus status,
    Path input,
    Path output,
    Path recycledPath,
    Long outputInode,
    Long outputBytes,
    OriginalState state,
    Instant until) {}
