package io.optimizarr.encoder.governor;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.schedule.Idle;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Idle after 10 minutes under 15 % foreign CPU; in use after 30 s at or above it. A spell is timed
 * from its first sample to its latest: 601 samples a second apart span 10 minutes.
 */
class IdleTrackerTest {

  private static final Idle RULE = new Idle(true, 15, 10, 30, 95, 95, 95);
  private final IdleTracker tracker = new IdleTracker();
  private Instant now = Instant.parse("2026-11-27T02:00:00Z");

  private boolean seconds(int seconds, double cpu) {
    boolean idle = false;
    for (int i = 0; i < seconds; i++) {
      now = now.plusSeconds(1);
      idle = tracker.accept(now, cpu, RULE);
    }
    return idle;
  }

  @Test
  void shouldBecomeIdleOnlyAfterTheWholeQuietSpell() {
    assertThat(seconds(600, 5)).isFalse();
    assertThat(seconds(1, 5)).isTrue();
    assertThat(tracker.idleSince()).isEqualTo(now);
  }

  @Test
  void shouldStartTheSpellAgainAfterAnyBusySecond() {
    seconds(500, 5);
    seconds(1, 40);
    assertThat(seconds(600, 5)).isFalse();
    assertThat(seconds(1, 5)).isTrue();
  }

  @Test
  void shouldStayIdleThroughAShortBurstAndEndAfterALongOne() {
    seconds(601, 5);
    assertThat(seconds(30, 60)).as("a 29 s burst").isTrue();
    assertThat(seconds(5, 5)).isTrue();
    assertThat(seconds(30, 60)).isTrue();
    assertThat(seconds(1, 60)).as("30 s at or above the level").isFalse();
    assertThat(tracker.idleSince()).isNull();
  }

  @Test
  void shouldNeverBeIdleWhenTheRuleIsOff() {
    var off = new Idle(false, 15, 1, 30, 95, 95, 95);
    for (int i = 0; i < 120; i++) {
      now = now.plusSeconds(1);
      assertThat(tracker.accept(now, 0, off)).isFalse();
    }
  }
}
