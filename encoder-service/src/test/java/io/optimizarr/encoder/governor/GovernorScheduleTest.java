package io.optimizarr.encoder.governor;

import static io.optimizarr.encoder.governor.GovernorFixtures.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.governor.GovernorFixtures.Judged;
import io.optimizarr.encoder.schedule.EncodingWindow;
import io.optimizarr.encoder.schedule.Idle;
import io.optimizarr.encoder.schedule.OutsideWindow;
import io.optimizarr.encoder.schedule.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The governor with encoding windows and idle thresholds, on a clock the test owns: weekdays
 * 22:00–07:00 in Europe/Berlin; idle after 10 minutes under 15 % foreign CPU, then 95 % limits.
 */
class GovernorScheduleTest {

  private static final long GIB = 1L << 30;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final EncodingWindow NIGHTS =
      new EncodingWindow(
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
          LocalTime.of(22, 0),
          LocalTime.of(7, 0));
  private static final Governor.Job JOB = new Governor.Job(1, false, false, null, null, null);
  private static final Governor.Job IGNORING = new Governor.Job(2, true, false, null, null, null);
  private static final Idle IDLE = new Idle(true, 15, 10, 30, 95, 95, 95);

  /** Friday 2026-11-27, 21:59:50 in Berlin. */
  private Instant now = Instant.parse("2026-11-27T20:59:50Z");

  private final Governor governor =
      new Governor(GovernorFixtures.DEFAULTS, schedule(OutsideWindow.PAUSE), BERLIN, now);

  private static Schedule schedule(OutsideWindow outside) {
    return new Schedule(List.of(NIGHTS), outside, null, IDLE);
  }

  private static Observation cpu(double foreign) {
    return observation(foreign, 0, 4 * GIB, 16 * GIB, 0, null, List.of(), false);
  }

  private Judged at(String utc, double foreignCpu, Governor.Job... jobs) {
    now = Instant.parse(utc);
    return Judged.of(governor.observe(now, cpu(foreignCpu), List.of(jobs)));
  }

  private Judged seconds(int n, double foreignCpu, Governor.Job... jobs) {
    Judged last = null;
    for (int i = 0; i < n; i++) {
      now = now.plusSeconds(1);
      last = Judged.of(governor.observe(now, cpu(foreignCpu), List.of(jobs)));
    }
    return last;
  }

  @Test
  void shouldHoldAndPauseOutsideTheWindowAndResumeWhenItOpens() {
    var before = at("2026-11-27T20:59:55Z", 5, JOB, IGNORING);
    assertThat(before.outsideWindow()).isTrue();
    assertThat(before.hot()).as("nothing new starts").isTrue();
    assertThat(before.reasons()).containsExactly("outside encoding window (next opens Fri 22:00)");
    assertThat(before.pause())
        .as("a job that ignores thresholds keeps to the windows too")
        .containsOnlyKeys(1L, 2L)
        .containsValue("outside encoding window (next opens Fri 22:00)");

    var open = at("2026-11-27T21:00:00Z", 5, JOB, IGNORING);
    assertThat(open.outsideWindow()).isFalse();
    assertThat(open.hot()).isFalse();
    assertThat(open.resume()).containsExactlyInAnyOrder(1L, 2L);

    var morning = at("2026-11-28T06:00:00Z", 5, JOB);
    assertThat(morning.pause()).as("Saturday 07:00 in Berlin").containsKey(1L);
  }

  @Test
  void shouldLetTheCurrentJobFinishWhenSoSet() {
    governor.scheduleChanged(schedule(OutsideWindow.FINISH_CURRENT));

    var closed = at("2026-11-27T20:59:55Z", 5, JOB);

    assertThat(closed.hot()).as("the next job waits").isTrue();
    assertThat(closed.pause()).as("the current one goes on").isEmpty();
  }

  @Test
  void shouldEncodeDuringRunNowWhateverTheWindows() {
    governor.scheduleChanged(
        new Schedule(
            List.of(NIGHTS), OutsideWindow.PAUSE, Instant.parse("2026-11-27T12:00:00Z"), IDLE));
    assertThat(at("2026-11-27T11:59:00Z", 5, JOB).hot()).isFalse();
    assertThat(at("2026-11-27T12:00:00Z", 5, JOB).pause()).containsKey(1L);
  }

  @Test
  void shouldKeepAJobPausedForLoadUntilTheWindowOpensAndTheLoadIsGone() {
    at("2026-11-27T21:00:00Z", 95, JOB);
    assertThat(seconds(1, 95, JOB).pause()).containsKey(1L);
    assertThat(at("2026-11-28T06:00:01Z", 5, JOB).resume()).as("cool, but closed").isEmpty();
    for (int i = 0; i < 10; i++) {
      assertThat(seconds(1, 5, JOB).resume()).isEmpty();
    }
    assertThat(at("2026-11-30T21:00:00Z", 5, JOB).resume())
        .as("Monday 22:00, long cool")
        .containsExactly(1L);
  }

  @Test
  void shouldJudgeByTheIdleThresholdsOnceIdle() {
    at("2026-11-27T21:00:00Z", 5, JOB);
    assertThat(seconds(600, 5, JOB).idle()).isTrue();

    // A 20 s burst of 92 %: over the node's 90 %, under the idle 95 %, too short to end idleness.
    for (int i = 0; i < 20; i++) {
      var d = seconds(1, 92, JOB);
      assertThat(d.pause()).isEmpty();
      assertThat(d.idle()).isTrue();
    }
    seconds(1, 98, JOB);
    assertThat(seconds(1, 98, JOB).pause()).containsEntry(1L, "cpu 98% > 95% (other processes)");
  }

  @Test
  void shouldReturnToTheNodesThresholdsOnceInUse() {
    at("2026-11-27T21:00:00Z", 5, JOB);
    seconds(600, 5, JOB);

    var decision = seconds(31, 92, JOB);

    assertThat(decision.idle()).isFalse();
    assertThat(seconds(1, 92, JOB).pause()).containsEntry(1L, "cpu 92% > 90% (other processes)");
  }
}
