package io.optimizarr.encoder.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Which day's digest is due, across midnight and a change of summer time. */
class DigestSlotTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void shouldCoverTheDayBeforeTheLatestDigestTime() {
    var before =
        DigestSlot.latest(Instant.parse("2026-12-04T06:59:59Z"), BERLIN, LocalTime.of(8, 0));
    assertThat(before.to().toInstant()).isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
    var at = DigestSlot.latest(Instant.parse("2026-12-04T07:00:00Z"), BERLIN, LocalTime.of(8, 0));
    assertThat(at.to().toInstant()).isEqualTo(Instant.parse("2026-12-04T07:00:00Z"));
    assertThat(at.from().toInstant()).isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
  }

  @Test
  void shouldSpanTwentyThreeHoursOnTheDaySummerTimeBegins() {
    var slot = DigestSlot.latest(Instant.parse("2026-03-29T12:00:00Z"), BERLIN, LocalTime.of(8, 0));
    assertThat(Duration.between(slot.from(), slot.to())).isEqualTo(Duration.ofHours(23));
  }
}
