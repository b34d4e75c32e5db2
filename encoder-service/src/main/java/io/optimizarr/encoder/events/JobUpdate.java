package io.optimizarr.encoder.events;

import io.optimizarr.encoder.queue.JobStatus;

/** A running job's latest state and progress, pushed on every ffmpeg progress report. */
public record JobUpdate(
    long id,
    JobStatus status,
    double progressPercent,
    Double fps,
    Double speed,
    Long etaSeconds,
    Long pid) {}
