package io.optimizarr.encoder.queue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A CDI event, fired once a run's outcome is recorded: what observers (metrics, alerts) need to
 * know of the job and how it ended.
 *
 * @param ran from the start of the run (the job claimed and loaded) to its outcome
 */
public record JobFinished(long jobId, Path input, Path output, Outcome outcome, Duration ran) {}
