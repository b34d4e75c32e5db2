package io.optimizarr.encoder.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Encoding allowed on {@code days} from {@code start} to {@code end}, local time. A window whose
 * end is not after its start runs across midnight into the next day (Friday 22:00–06:00 ends on
 * Saturday morning); start equal to end is the whole 24 hours from start.
 */
public record EncodingWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

  public EncodingWindow {
    days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
  }

  /** A window from its stored or sent form: days such as {@code MON}, times {@code HH:mm}. */
  public static EncodingWindow of(List<String> days, String start, String end) {
    return new EncodingWindow(
        Set.copyOf(days.stream().map(ScheduleStore::day).toList()),
        LocalTime.parse(start.trim()),
        LocalTime.parse(end.trim()));
  }

  public boolean acrossMidnight() {
    return !end.isAfter(start);
  }

  /** Whether {@code at} (local time) falls in this window. */
  public boolean contains(LocalDateTime at) {
    LocalTime time = at.toLocalTime();
    DayOfWeek day = at.getDayOfWeek();
    if (!acrossMidnight()) {
      return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
    }
    return (days.contains(day) && !time.isBefore(start))
        || (days.contains(day.minus(1)) && time.isBefore(end));
  }

  /** The first moment after {@code after} at which this window opens, within the next 8 days. */
  public LocalDateTime nextOpening(LocalDateTime after) {
    for (int d = 0; d <= 8; d++) {
      LocalDateTime candidate = after.toLocalDate().plusDays(d).atTime(start);
      if (candidate.isAfter(after) && days.contains(candidate.getDayOfWeek())) {
        return candidate;
      }
    }
    return null;
  }
}
