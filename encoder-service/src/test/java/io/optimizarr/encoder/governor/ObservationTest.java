package io.optimizarr.encoder.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.optimizarr.model.CpuPulse;
import io.optimizarr.model.CpuUsage;
import io.optimizarr.model.DiskIo;
import io.optimizarr.model.MemoryUsage;
import io.optimizarr.model.NetworkIo;
import io.optimizarr.model.ResourceSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a snapshot and our own figures become foreign load, with and without batch work. */
class ObservationTest {

  private static ResourceSnapshot snapshot(double cpu, Double waiting, Double batch) {
    return new ResourceSnapshot(
        1,
        Instant.EPOCH,
        "h",
        1.0,
        new CpuUsage(cpu, List.of(cpu, cpu), 2, null, null, waiting, batch),
        new MemoryUsage(100, 50, 50, 50.0, 0, 0),
        List.of(),
        new DiskIo(0, 0, 0, 0, 0, 0),
        new NetworkIo(0, 0, 0, 0),
        List.of());
  }

  /**
   * 100 % busy: our idle-class encode 30 %, another batch job (a nice-19 build) 60 %, a foreground
   * 10 %. The monitor's batch figure holds ours and theirs.
   */
  @Test
  void shouldLeaveOthersBatchWorkOutOfForeignCpuWhenTheNodeIgnoresIt() {
    var ours = new OwnUsage.Figures(30, 0, 0, 30, 0);
    var batchNow = snapshot(100, null, 90.0);

    var ignoring = Observation.of(batchNow, ours, false, Set.of(), true, true);
    var counting = Observation.of(batchNow, ours, false, Set.of(), true, false);

    assertThat(ignoring.othersBatchCpuPercent()).isCloseTo(60, within(1e-9));
    assertThat(ignoring.foreignCpuPercent()).isCloseTo(10, within(1e-9));
    assertThat(counting.foreignCpuPercent()).isCloseTo(70, within(1e-9));
  }

  /** Our encode at nice 10 (not batch): the batch figure is all others'. */
  @Test
  void shouldTakeNothingOfOursFromTheBatchFigureWhenOurEncodesAreNotBatchWork() {
    var ours = new OwnUsage.Figures(40, 0, 0, 0, 0);

    var o = Observation.of(snapshot(100, null, 55.0), ours, false, Set.of(), true, true);

    assertThat(o.othersBatchCpuPercent()).isCloseTo(55, within(1e-9));
    assertThat(o.foreignCpuPercent()).isCloseTo(5, within(1e-9));
  }

  @Test
  void shouldCountEverythingButOursWhereTheMonitorDidNotReadBatchWork() {
    var ours = new OwnUsage.Figures(20, 0, 0, 20, 0);

    var o = Observation.of(snapshot(60, null, null), ours, false, Set.of(), true, true);

    assertThat(o.othersBatchCpuPercent()).isZero();
    assertThat(o.foreignCpuPercent()).isCloseTo(40, within(1e-9));
  }

  /**
   * A monitor that reads batch work leaves batch threads' waiting out of its waiting figure: only
   * the waiting of our encodes that are not batch work is ours there. A monitor from before it
   * counts every thread's.
   */
  @Test
  void shouldTakeOurWaitingAsTheMonitorCountedIt() {
    var ours = new OwnUsage.Figures(50, 0, 80, 50, 0);

    var newer = Observation.of(snapshot(100, 30.0, 50.0), ours, false, Set.of(), true, true);
    var older = Observation.of(snapshot(100, 110.0, null), ours, false, Set.of(), true, true);

    assertThat(newer.ownCpuWaitingPercent()).isZero();
    assertThat(newer.foreignCpuPercent()).as("50 ran, 30 waited").isCloseTo(80, within(1e-9));
    assertThat(older.ownCpuWaitingPercent()).isEqualTo(80);
    assertThat(older.foreignCpuPercent()).as("50 ran, 30 waited").isCloseTo(80, within(1e-9));
  }

  /** The latest snapshot's observation: ours 40 %, others' batch work 30 %. */
  private static final Observation LATEST =
      Observation.of(
          snapshot(100, null, 30.0),
          new OwnUsage.Figures(40, 0, 0, 0, 0),
          false,
          Set.of(),
          true,
          true);

  @Test
  void shouldJudgeAPulseOnlyOverTheWindowItCovers() {
    var pulse = new CpuPulse(9, Instant.EPOCH, 0.2, 100, 40.0);

    var matched = PulseObservation.of(pulse, new OwnCpu.Reading(40, 0.21), LATEST).orElseThrow();

    assertThat(matched.foreignCpuPercent()).as("less ours, less others' batch").isEqualTo(30);
    assertThat(PulseObservation.of(pulse, new OwnCpu.Reading(40, 0.4), LATEST))
        .as("a pulse lost on the way: our window spans two")
        .isEmpty();
    assertThat(PulseObservation.of(pulse, new OwnCpu.Reading(40, 0.1), LATEST)).isEmpty();
  }

  /**
   * A foreground takes the cores: our encode falls from 40 % to 4 %, and the other batch job, which
   * yields as ours does, is taken to fall in the same proportion — not to hold its 30 %.
   */
  @Test
  void shouldSqueezeOthersBatchWorkAsOursIsSqueezed() {
    var pulse = new CpuPulse(10, Instant.EPOCH, 0.2, 100, 90.0);

    var squeezed = PulseObservation.of(pulse, new OwnCpu.Reading(4, 0.2), LATEST).orElseThrow();
    var steady = PulseObservation.of(pulse, new OwnCpu.Reading(45, 0.2), LATEST).orElseThrow();

    assertThat(squeezed.othersBatchCpuPercent()).isCloseTo(3, within(1e-9));
    assertThat(squeezed.foreignCpuPercent()).isCloseTo(93, within(1e-9));
    assertThat(steady.othersBatchCpuPercent()).as("never more than it was").isEqualTo(30);
  }
}
