package io.optimizarr.encoder.governor;

import io.optimizarr.model.CpuPulse;
import java.util.Optional;

/**
 * One CPU pulse as the fast rule judges it: the machine's busy share over the pulse's window, ours
 * over the same window, and an estimate of others' batch work in it. Pulses do not measure batch
 * work; the latest snapshot's figure stands for it, squeezed as ours is: batch work yields to a
 * foreground as our encodes do, so when ours lost half its CPU since that snapshot, others' batch
 * work is taken to have lost half too.
 *
 * @param cpuPercent the machine's busy share over the window (0–100)
 * @param ownCpuPercent our encodes' CPU over the window, as a share of the machine
 * @param othersBatchCpuPercent others' batch work over the window, as estimated (0 when unknown or
 *     counted as foreign)
 * @param seconds the window's length
 */
public record PulseObservation(
    double cpuPercent, double ownCpuPercent, double othersBatchCpuPercent, double seconds) {

  /**
   * Our window and the monitor's may differ by this share before the pulse is left unjudged: a
   * pulse lost or delayed on the way makes ours span more than the pulse's.
   */
  static final double WINDOW_TOLERANCE = 0.25;

  /** Below this share of the machine, our encodes' CPU in a snapshot says nothing of a squeeze. */
  static final double SQUEEZE_FROM_PERCENT = 1;

  /**
   * The pulse against our CPU over the window we measured and the latest snapshot's observation;
   * empty when the two windows do not match (a pulse lost on the way, a stalled connection), which
   * a judgement cannot compare.
   */
  static Optional<PulseObservation> of(CpuPulse pulse, OwnCpu.Reading ours, Observation latest) {
    double pulseSeconds = pulse.intervalSeconds();
    if (pulseSeconds <= 0
        || Math.abs(ours.seconds() - pulseSeconds) > WINDOW_TOLERANCE * pulseSeconds) {
      return Optional.empty();
    }
    double squeeze =
        latest.ownCpuPercent() < SQUEEZE_FROM_PERCENT
            ? 1
            : Math.min(1, ours.cpuPercent() / latest.ownCpuPercent());
    return Optional.of(
        new PulseObservation(
            pulse.usagePercent(),
            ours.cpuPercent(),
            latest.othersBatchCpuPercent() * squeeze,
            pulseSeconds));
  }

  /** Other programs' CPU over the window: the total less ours and less others' batch work. */
  double foreignCpuPercent() {
    return Math.min(100, Math.max(0, cpuPercent - ownCpuPercent - othersBatchCpuPercent));
  }
}
