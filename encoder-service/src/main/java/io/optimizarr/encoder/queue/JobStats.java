package io.optimizarr.encoder.queue;

/**
 * {@code GET /api/stats}: what the completed jobs did.
 *
 * @param filesDone completed jobs whose sizes were recorded
 * @param savedBytes {@code inputBytes − outputBytes}
 * @param encodeHours from their claims to their completions, pauses included
 * @param pausedHours how long they were paused
 */
public record JobStats(
    long filesDone,
    long inputBytes,
    long outputBytes,
    long savedBytes,
    double encodeHours,
    double pausedHours) {}
