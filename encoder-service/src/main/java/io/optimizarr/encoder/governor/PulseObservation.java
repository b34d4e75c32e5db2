package io.optimizarr.encoder.governor;

import io.optimizarr.model.CpuPulse;
import java.util.Optional;

/**
 * One CPU pulse as the fast rule judges it: the machine's busy share over the pulse's window, ours
 * over the same window, and the latest snapshot's figure for others' batch work (pulses do not
 * measure it; batch work that runs on is much the same from one second to the next).
 *
 * @param cpuPercent the machine's busy share over the window (0–100)
 * @param ownCpuPercent our encodes' CPU over the window, as a share of the machine
 * @param othersBatchCpuPercent others' batch work as the latest observation had it (0 when unknown
 *     or counted as foreign)
 * @param seconds the window's length
 */
public record PulseObservation(
    double cpuPercent, double ownCpuPercent, double othersBatchCpuPercent, double seconds) {

  /**
   * Our window and the monitor's may differ by this share before the pulse is left unjudged: a
   * pulse lost or delayed on the way makes ours span more than the pulse's.
   */
  static final double WINDOW_TOLERANCE = 0.25;

  /**
   * The pulse against our CPU over the window we measured; empty when the two windows do not match
   * (a pulse lost on the way, a stalled connection), which a judgement cannot compare.
   */
  static Optional<PulseObservation> of(
      CpuPulse pulse, OwnCpu.Reading ours, double othersBatchCpuPercent) {
    double pulseSeconds = pulse.intervalSeconds();
    if (pulseSeconds <= 0
        || Math.abs(ours.seconds() - pulseSeconds) > WINDOW_TOLERANCE * pulseSeconds) {
      return Optional.empty();
    }
    return Optional.of(
        new PulseObservation(
            pulse.usagePercent(), ours.cpuPercent(), othersBatchCpuPercent, pulseSeconds));
  }

  /** Other programs' CPU over the window: the total less ours and less others' batch work. */
  double foreignCpuPercent() {
    return Math.min(100, Math.max(0, cpuPercent - ownCpuPercent - othersBatchCpuPercent));
  }
}
