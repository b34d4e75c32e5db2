package io.optimizarr.encoder.queue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A CDI event, fired once a run's outcome is recorded: what observers (metrics, alerts) need to
 * know of the job and how it ended.
 *
 * @param ran from the start of the run (the job claimed and loaded) to its outcome
 * @param encoder the profile's video encoder; {@code device} its render node, or null
 */
public record JobFinished(
    long jobId,
    Path input,
    Path output,
    Outcome outcome,
    Duration ran,
    String encoder,
    String device) {}
