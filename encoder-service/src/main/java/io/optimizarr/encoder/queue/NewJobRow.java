package io.optimizarr.encoder.queue;

/** A job to queue, its paths already checked against the roots. */
public record NewJobRow(
    String inputPath,
    String outputPath,
    long profileId,
    int priority,
    boolean overwrite,
    boolean ignoreThresholds) {}
