package io.optimizarr.encoder.queue;

/**
 * A job to queue, its paths already checked against the roots; its output mode and recycle days
 * copied from its profile (or library folder), fixed from now on.
 */
public record NewJobRow(
    String inputPath,
    String outputPath,
    long profileId,
    int priority,
    boolean overwrite,
    boolean ignoreThresholds,
    OutputMode outputMode,
    int recycleDays) {}
