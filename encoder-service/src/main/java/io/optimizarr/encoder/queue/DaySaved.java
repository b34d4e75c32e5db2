package io.optimizarr.encoder.queue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One day of {@code GET /api/stats/days}: the jobs completed that day (in the asker's time zone)
 * whose sizes were recorded, and what they saved.
 *
 * @param savedBytes {@code inputBytes − outputBytes}
 */
public record DaySaved(
    LocalDate day, long filesDone, long inputBytes, long outputBytes, long savedBytes) {

  static DaySaved of(LocalDate day, long files, long inputBytes, long outputBytes) {
    return new DaySaved(day, files, inputBytes, outputBytes, inputBytes - outputBytes);
  }

  /**
   * Every day from {@code first}, {@code days} of them, oldest first: the days {@code done} has,
   * and days without completions as zeros, so that a chart's bars stand for equal spans. Pure.
   */
  static List<DaySaved> everyDay(LocalDate first, int days, Map<LocalDate, DaySaved> done) {
    var all = new ArrayList<DaySaved>(days);
    for (int i = 0; i < days; i++) {
      LocalDate day = first.plusDays(i);
      all.add(done.getOrDefault(day, of(day, 0, 0, 0)));
    }
    return all;
  }
}
