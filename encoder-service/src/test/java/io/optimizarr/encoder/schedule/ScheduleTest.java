package io.optimizarr.encoder.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Windows on the calendar, in a zone with summer time, at their edges. */
class ScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final EncodingWindow FRIDAY_NIGHT =
      new EncodingWindow(Set.of(FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));
  private static final EncodingWindow MONDAY_DAY =
      new EncodingWindow(Set.of(MONDAY), LocalTime.of(9, 0), LocalTime.of(17, 30));

  /** 2026-11-27 is a Friday. */
  private static Instant berlin(String localDateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), BERLIN).toInstant();
  }

  private static Schedule windows(EncodingWindow... windows) {
    return new Schedule(List.of(windows), OutsideWindow.PAUSE, null, Idle.off());
  }

  @Test
  void shouldRunAcrossMidnightIntoTheNextDay() {
    var s = windows(FRIDAY_NIGHT);

    assertThat(s.closed(berlin("2026-11-27T21:59:59"), BERLIN)).isPresent();
    assertThat(s.closed(berlin("2026-11-27T22:00:00"), BERLIN)).isEmpty();
    assertThat(s.closed(berlin("2026-11-28T05:59:59"), BERLIN)).as("Saturday morning").isEmpty();
    assertThat(s.closed(berlin("2026-11-28T06:00:00"), BERLIN)).isPresent();
    assertThat(s.closed(berlin("2026-11-28T22:30:00"), BERLIN))
        .as("not Saturday night")
        .isPresent();
    assertThat(s.closed(berlin("2026-11-27T03:00:00"), BERLIN))
        .as("Friday early morning belongs to Thursday's night")
        .isPresent();
  }

  @Test
  void shouldJudgeTheNodesLocalTimeNotUtc() {
    var s = windows(FRIDAY_NIGHT);
    // 21:30 UTC on Friday is 22:30 in Berlin (winter time, UTC+1).
    assertThat(s.closed(Instant.parse("2026-11-27T21:30:00Z"), BERLIN)).isEmpty();
    assertThat(s.closed(Instant.parse("2026-11-27T21:30:00Z"), ZoneId.of("UTC"))).isPresent();
  }

  @Test
  void shouldSayWhenTheNextWindowOpens() {
    var s = windows(FRIDAY_NIGHT, MONDAY_DAY);

    assertThat(s.closed(berlin("2026-11-28T12:00:00"), BERLIN))
        .hasValue("outside encoding window (next opens Mon 09:00)");
    assertThat(s.closed(berlin("2026-11-27T18:00:00"), BERLIN))
        .hasValue("outside encoding window (next opens Fri 22:00)");
  }

  @Test
  void shouldKeepItsTimesAcrossTheChangeToSummerTime() {
    // Europe/Berlin skips 02:00-03:00 on Sunday 2027-03-28.
    var sunday =
        windows(new EncodingWindow(Set.of(SUNDAY), LocalTime.of(1, 0), LocalTime.of(4, 0)));
    assertThat(sunday.closed(berlin("2027-03-28T03:30:00"), BERLIN)).isEmpty();
    assertThat(sunday.closed(berlin("2027-03-28T04:00:00"), BERLIN)).isPresent();
  }

  @Test
  void shouldTreatEqualStartAndEndAsTheWholeDayFromStart() {
    var s = windows(new EncodingWindow(Set.of(SATURDAY), LocalTime.of(8, 0), LocalTime.of(8, 0)));
    assertThat(s.closed(berlin("2026-11-28T08:00:00"), BERLIN)).isEmpty();
    assertThat(s.closed(berlin("2026-11-29T07:59:00"), BERLIN)).isEmpty();
    assertThat(s.closed(berlin("2026-11-29T08:00:00"), BERLIN)).isPresent();
  }

  @Test
  void shouldOpenWithoutWindowsAndDuringRunNow() {
    assertThat(Schedule.always().closed(berlin("2026-11-28T12:00:00"), BERLIN)).isEmpty();
    var overridden =
        new Schedule(
            List.of(MONDAY_DAY), OutsideWindow.PAUSE, berlin("2026-11-28T13:00:00"), Idle.off());
    assertThat(overridden.closed(berlin("2026-11-28T12:59:59"), BERLIN)).isEmpty();
    assertThat(overridden.closed(berlin("2026-11-28T13:00:00"), BERLIN)).isPresent();
  }

  @Test
  void shouldStoreWindowsAsJsonAndReadThemBack() {
    var windows = List.of(FRIDAY_NIGHT, MONDAY_DAY);
    String json = ScheduleStore.windowsJson(windows);
    assertThat(json)
        .isEqualTo(
            "[{\"days\":[\"FRI\"],\"start\":\"22:00\",\"end\":\"06:00\"},"
                + "{\"days\":[\"MON\"],\"start\":\"09:00\",\"end\":\"17:30\"}]");
    assertThat(ScheduleStore.windows(json)).isEqualTo(windows);
  }
}
