package io.optimizarr.encoder.governor;

import static io.optimizarr.encoder.governor.GovernorFixtures.governor;
import static io.optimizarr.encoder.governor.GovernorFixtures.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.governor.GovernorFixtures.Judged;
import io.optimizarr.encoder.settings.ReleaseCause;
import io.optimizarr.encoder.settings.ResourceSettings;
import io.optimizarr.model.GpuUsage;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scripted snapshot sequences, one second apart on a clock the test owns. */
class GovernorTest {

  private static final long GIB = 1L << 30;
  private static final ResourceSettings DEFAULTS = GovernorFixtures.DEFAULTS;
  private static final Governor.Job JOB = new Governor.Job(1, false, false, null, null, null);

  private Instant now = Instant.parse("2026-11-26T12:00:00Z");
  private final Governor governor = governor(DEFAULTS, now);

  private static Observation cpu(double total, double own) {
    return observation(total, own, 4 * GIB, 16 * GIB, GIB, null, List.of(), false);
  }

  private static Observation waiting(double total, double own, double waiting, double ownWaiting) {
    return new Observation(
        total,
        own,
        4 * GIB,
        16 * GIB,
        GIB,
        null,
        List.of(),
        false,
        waiting,
        ownWaiting,
        0,
        Set.of());
  }

  /** A pulse of 200 ms between snapshots: the machine's busy share and ours. */
  private static PulseObservation pulse(double total, double own) {
    return new PulseObservation(total, own, 0, 0.2);
  }

  private Judged pulsed(PulseObservation p, Governor.Job... jobs) {
    now = now.plusMillis(200);
    return governor.pulse(now, p, List.of(jobs)).map(Judged::of).orElse(null);
  }

  private Judged tick(Observation o, Governor.Job... jobs) {
    now = now.plusSeconds(1);
    return Judged.of(governor.observe(now, o, List.of(jobs)));
  }

  private Judged quiet(long seconds, Governor.Job... jobs) {
    now = now.plusSeconds(seconds);
    return Judged.of(governor.silence(now, List.of(jobs)));
  }

  @Test
  void shouldPauseAfterTwoHotSamplesOfForeignCpuAndSayWhy() {
    assertThat(tick(cpu(95, 2), JOB).pause()).isEmpty();

    var decision = tick(cpu(96, 3), JOB);

    assertThat(decision.pause()).containsEntry(1L, "cpu 93% > 90% (other processes)");
    assertThat(decision.hot()).as("queued jobs are held").isTrue();
    assertThat(tick(cpu(97, 0), JOB).pause()).as("paused once, not again").isEmpty();
  }

  @Test
  void shouldNeverPauseForItsOwnLoad() {
    for (int i = 0; i < 30; i++) {
      var decision = tick(cpu(99, 97), JOB);
      assertThat(decision.pause()).isEmpty();
      assertThat(decision.hot()).isFalse();
    }
  }

  /**
   * Two busy loops beside our encode on 2 cores: they run 88 % of the machine and wait for the
   * rest, while our threads wait far more. Their demand is what they ran and what they waited.
   */
  @Test
  void shouldCountOthersWaitingForACoreAsDemandButNotOurs() {
    assertThat(tick(cpu(100, 12), JOB).hot()).as("ran 88 %: below 90").isFalse();
    tick(cpu(100, 12), JOB);

    tick(waiting(100, 12, 140, 120), JOB);
    var decision = tick(waiting(100, 12, 140, 120), JOB);

    assertThat(decision.pause()).containsEntry(1L, "cpu 100% > 90% (other processes)");
  }

  @Test
  void shouldNotCountOurOwnWaitingAsOthersDemand() {
    for (int i = 0; i < 10; i++) {
      assertThat(tick(waiting(99, 95, 260, 255), JOB).hot()).isFalse();
    }
  }

  @Test
  void shouldPauseAtOnceOnAPulseInWhichAForegroundTakesTheCores() {
    tick(cpu(100, 97), JOB);

    var decision = pulsed(pulse(100, 3), JOB);

    assertThat(decision.pause())
        .containsEntry(
            1L, "cpu 97% > 90% within 0.2 s: a foreground wants the cores (other processes)");
    assertThat(decision.state()).isEqualTo(State.THROTTLED);
    assertThat(decision.hot()).as("queued jobs are held").isTrue();
    assertThat(pulsed(pulse(100, 0), JOB)).as("paused once: nothing more to do").isNull();
    assertThat(tick(cpu(99, 0), JOB).pause())
        .as("the snapshots agree, and pause no more")
        .isEmpty();
  }

  /** A foreground that keeps half the machine leaves us the other half: harvest it. */
  @Test
  void shouldNotPauseOnPulsesOfAForegroundThatKeepsHalfTheMachine() {
    for (int i = 0; i < 50; i++) {
      assertThat(pulsed(pulse(100, 50), JOB)).isNull();
      assertThat(pulsed(pulse(100, 45), JOB)).as("55 %, noise and all").isNull();
    }
    assertThat(tick(cpu(100, 48), JOB).pause()).isEmpty();
  }

  /**
   * The window that holds the foreground's start is only partly hot; the next one is hot in whole
   * and pauses.
   */
  @Test
  void shouldPauseOnTheFirstWholeWindowAfterAStartThatFellMidWindow() {
    assertThat(pulsed(pulse(100, 45), JOB)).as("foreground from mid-window: 55 %").isNull();
    assertThat(pulsed(pulse(100, 2), JOB).pause()).containsOnlyKeys(1L);
  }

  @Test
  void shouldNotUseTheFastRuleWithThrottlingOffOrWithoutARunningEncode() {
    var off = governor(settings(90, false, "PAUSE"), now);
    assertThat(off.pulse(now, pulse(100, 0), List.of(JOB))).isEmpty();

    assertThat(pulsed(pulse(100, 0))).as("no encode").isNull();
    var manual = new Governor.Job(2, false, true, null, null, null);
    var ignoring = new Governor.Job(3, true, false, null, null, null);
    assertThat(pulsed(pulse(100, 0), manual, ignoring)).as("none it may pause").isNull();
    assertThat(tick(cpu(5, 0), JOB).hot()).as("nor did it make the node hot").isFalse();
  }

  @Test
  void shouldLeaveTheResumeToTheSnapshotsHysteresisAndHoldCount() {
    pulsed(pulse(100, 0), JOB);

    for (int i = 0; i < 10; i++) {
      assertThat(pulsed(pulse(5, 0), JOB)).as("pulses never resume").isNull();
    }
    // 85 lies between 80 and 90: the pause holds
    assertThat(tick(cpu(85, 0), JOB).resume()).isEmpty();
    for (int i = 0; i < 4; i++) {
      assertThat(tick(cpu(20, 0), JOB).resume()).isEmpty();
    }
    assertThat(tick(cpu(20, 0), JOB).resume()).containsExactly(1L);
  }

  @Test
  void shouldJudgeAPulseByAProfilesOwnCpuThreshold() {
    var lenient = new Governor.Job(4, false, false, 99, null, null);
    var strict = new Governor.Job(5, false, false, 60, null, null);
    tick(cpu(30, 30), lenient, strict);

    var decision = pulsed(pulse(100, 30), lenient, strict);

    assertThat(decision.pause()).containsOnlyKeys(5L);
    assertThat(decision.pause().get(5L)).startsWith("cpu 70% > 60% within 0.2 s");
  }

  @Test
  void shouldResumeOnlyAfterFiveSamplesBelowThresholdLessMargin() {
    tick(cpu(95, 0), JOB);
    tick(cpu(95, 0), JOB);
    // 85 lies between 80 and 90: neither hot nor cool, the pause holds however long it lasts
    for (int i = 0; i < 10; i++) {
      assertThat(tick(cpu(85, 0), JOB).resume()).isEmpty();
    }
    for (int i = 0; i < 4; i++) {
      assertThat(tick(cpu(70, 0), JOB).resume()).isEmpty();
    }
    assertThat(tick(cpu(70, 0), JOB).resume()).containsExactly(1L);
  }

  @Test
  void shouldNotPauseOnASingleSpikeOrResumeOnASingleDip() {
    assertThat(tick(cpu(99, 0), JOB).pause()).isEmpty();
    assertThat(tick(cpu(50, 0), JOB).pause()).isEmpty();
    assertThat(tick(cpu(99, 0), JOB).pause()).isEmpty();
    tick(cpu(99, 0), JOB);
    tick(cpu(10, 0), JOB);
    assertThat(tick(cpu(99, 0), JOB).resume()).isEmpty();
    assertThat(tick(cpu(10, 0), JOB).resume()).isEmpty();
  }

  @Test
  void shouldJudgeForeignMemory() {
    var heavy = observation(10, 0, 15 * GIB, 16 * GIB, GIB, null, List.of(), false);
    tick(heavy, JOB);

    assertThat(tick(heavy, JOB).pause().get(1L)).isEqualTo("memory 88% > 85% (other processes)");
    var ours = observation(10, 0, 15 * GIB, 16 * GIB, 8 * GIB, null, List.of(), false);
    for (int i = 0; i < 4; i++) {
      tick(ours, JOB);
    }
    assertThat(tick(ours, JOB).resume()).as("our own memory is not foreign").containsExactly(1L);
  }

  @Test
  void shouldPauseOnTemperatureWithAFiveDegreeMargin() {
    var hot = observation(10, 0, GIB, 16 * GIB, 0, 92.0, List.of(), false);
    var warm = observation(10, 0, GIB, 16 * GIB, 0, 87.0, List.of(), false);
    var cool = observation(10, 0, GIB, 16 * GIB, 0, 84.0, List.of(), false);
    tick(hot, JOB);
    assertThat(tick(hot, JOB).pause().get(1L)).isEqualTo("cpu temperature 92°C > 90°C");
    for (int i = 0; i < 6; i++) {
      assertThat(tick(warm, JOB).resume()).isEmpty();
    }
    for (int i = 0; i < 4; i++) {
      tick(cool, JOB);
    }
    assertThat(tick(cool, JOB).resume()).containsExactly(1L);
  }

  @Test
  void shouldJudgeGpuLoadOnlyWhileWeDoNotUseTheGpu() {
    var gpu = new GpuUsage(0, "GPU", null, "nvidia", 97.0, null, null, 89.0, null, null, null);
    var othersOnGpu = observation(10, 0, GIB, 16 * GIB, 0, null, List.of(gpu), false);
    var weOnGpu = observation(10, 0, GIB, 16 * GIB, 0, null, List.of(gpu), true);

    tick(weOnGpu, JOB);
    assertThat(tick(weOnGpu, JOB).pause().get(1L))
        .as("temperature still counts")
        .isEqualTo("gpu temperature 89°C > 85°C");

    var fresh = governor(DEFAULTS, now);
    fresh.observe(now.plusSeconds(1), othersOnGpu, List.of(JOB));
    assertThat(
            Judged.of(fresh.observe(now.plusSeconds(2), othersOnGpu, List.of(JOB))).pause().get(1L))
        .startsWith("gpu 97% > 90%");
  }

  @Test
  void shouldPauseWhenTheMonitorFallsSilentAndResumeWithTheFirstFreshSnapshot() {
    tick(cpu(10, 0), JOB);

    assertThat(quiet(9, JOB).pause()).isEmpty();
    var lost = quiet(1, JOB);
    assertThat(lost.pause()).containsEntry(1L, "no snapshot from the monitor for 10 s");
    assertThat(lost.state()).isEqualTo(State.MONITOR_LOST);
    assertThat(quiet(1, JOB).pause()).as("paused once").isEmpty();

    var back = tick(cpu(10, 0), JOB);
    assertThat(back.resume()).containsExactly(1L);
    assertThat(back.state()).isNotEqualTo(State.MONITOR_LOST);
  }

  @Test
  void shouldKeepEncodingThroughSilenceWhenToldToContinue() {
    governor.settingsChanged(settings(90, true, "CONTINUE"));
    tick(cpu(10, 0), JOB);

    assertThat(quiet(60, JOB).pause()).isEmpty();
  }

  @Test
  void shouldLeaveManualPausesAndIgnoringJobsAlone() {
    var manual = new Governor.Job(2, false, true, null, null, null);
    var ignoring = new Governor.Job(3, true, false, null, null, null);
    tick(cpu(99, 0), JOB, manual, ignoring);

    var decision = tick(cpu(99, 0), JOB, manual, ignoring);
    assertThat(decision.pause()).containsOnlyKeys(1L);

    for (int i = 0; i < 5; i++) {
      decision = tick(cpu(10, 0), JOB, manual, ignoring);
    }
    assertThat(decision.resume()).containsExactly(1L);
  }

  @Test
  void shouldJudgeEachJobByItsProfilesThresholds() {
    var tolerant = new Governor.Job(4, false, false, 99, null, null);
    tick(cpu(95, 0), JOB, tolerant);

    var decision = tick(cpu(95, 0), JOB, tolerant);

    assertThat(decision.pause()).containsOnlyKeys(1L);
    assertThat(decision.hot()).isTrue();
  }

  @Test
  void shouldApplyChangedSettingsMidPause() {
    tick(cpu(95, 0), JOB);
    tick(cpu(95, 0), JOB);

    governor.settingsChanged(settings(100, true, "PAUSE"));
    assertThat(tick(cpu(95, 0), JOB).resume())
        .as("95 lies between 90 and 100: still paused")
        .isEmpty();

    governor.settingsChanged(settings(90, false, "PAUSE"));
    assertThat(tick(cpu(95, 0), JOB).resume())
        .as("throttling off resumes at once")
        .containsExactly(1L);
  }

  @Test
  void shouldPauseAndResumeSeveralJobsTogether() {
    var second = new Governor.Job(5, false, false, null, null, null);
    tick(cpu(99, 0), JOB, second);
    assertThat(tick(cpu(99, 0), JOB, second).pause()).containsOnlyKeys(1L, 5L);
    for (int i = 0; i < 4; i++) {
      tick(cpu(5, 0), JOB, second);
    }
    assertThat(tick(cpu(5, 0), JOB, second).resume()).containsExactlyInAnyOrder(1L, 5L);
  }

  /** The defaults with the three settings these tests change. */
  private static ResourceSettings settings(
      int cpuThreshold, boolean throttling, String onMonitorLost) {
    var d = DEFAULTS;
    return new ResourceSettings(
        cpuThreshold,
        d.memoryThreshold(),
        d.gpuThreshold(),
        d.niceLevel(),
        d.cpuAffinity(),
        throttling,
        d.resumeMargin(),
        d.pauseAfterSamples(),
        d.resumeAfterSamples(),
        d.cpuTemperatureLimit(),
        d.gpuTemperatureLimit(),
        onMonitorLost,
        d.staleAfterSeconds(),
        d.maxConcurrentJobs(),
        d.priorityMode(),
        d.ignoreBatchLoad(),
        ReleaseCause.ALL);
  }
}
