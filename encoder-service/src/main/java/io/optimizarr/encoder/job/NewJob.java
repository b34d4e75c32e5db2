package io.optimizarr.encoder.job;

/** The body of {@code POST /api/jobs}. */
public record NewJob(
    String inputPath,
    String outputPath,
    Long profileId,
    Integer priority,
    Boolean overwrite,
    Boolean ignoreThresholds) {}
