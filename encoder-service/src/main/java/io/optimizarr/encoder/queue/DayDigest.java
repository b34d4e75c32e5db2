package io.optimizarr.encoder.queue;

import java.time.Instant;

/**
 * The daily digest's figures: the jobs that ended in {@code [from, to)} and how, the space the
 * completed ones saved (they may have grown: then negative), the time encodes were held, and the
 * jobs queued when it was read.
 */
public record DayDigest(
    Instant from,
    Instant to,
    long completed,
    long failed,
    long skipped,
    long savedBytes,
    double pausedSeconds,
    long queued) {}
