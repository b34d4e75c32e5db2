package io.optimizarr.encoder.queue;

import java.nio.file.Path;

/** What a claimed job's row says about how to run it; the profile is read by its id. */
public record JobToRun(
    long id,
    Path input,
    Path output,
    boolean overwrite,
    long profileId,
    boolean ignoreThresholds,
    OutputMode outputMode,
    int recycleDays) {}
