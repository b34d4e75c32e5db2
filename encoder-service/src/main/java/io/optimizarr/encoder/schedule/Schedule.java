package io.optimizarr.encoder.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When this node encodes. No windows: always. A "run now" override until {@code runNowUntil} opens
 * the schedule whatever the windows say.
 */
public record Schedule(
    List<EncodingWindow> windows, OutsideWindow outsideWindow, Instant runNowUntil, Idle idle) {

  public Schedule {
    windows = List.copyOf(windows);
    Objects.requireNonNull(outsideWindow);
    Objects.requireNonNull(idle);
  }

  public static Schedule always() {
    return new Schedule(List.of(), OutsideWindow.PAUSE, null, Idle.off());
  }

  public boolean runNow(Instant now) {
    return runNowUntil != null && now.isBefore(runNowUntil);
  }

  /**
   * Why nothing may encode at {@code now} in {@code zone}, naming when the next window opens; empty
   * while encoding is allowed.
   */
  public Optional<String> closed(Instant now, ZoneId zone) {
    if (windows.isEmpty() || runNow(now)) {
      return Optional.empty();
    }
    LocalDateTime local = LocalDateTime.ofInstant(now, zone);
    if (windows.stream().anyMatch(w -> w.contains(local))) {
      return Optional.empty();
    }
    return Optional.of(
        windows.stream()
            .map(w -> w.nextOpening(local))
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .map(next -> "outside encoding window (next opens " + describe(next) + ")")
            .orElse("outside encoding window (no window has a day)"));
  }

  private static String describe(LocalDateTime at) {
    DayOfWeek day = at.getDayOfWeek();
    return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + at.toLocalTime();
  }
}
