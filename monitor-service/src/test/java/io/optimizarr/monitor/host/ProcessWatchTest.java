package io.optimizarr.monitor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessWatchTest {

  private static final long SECOND = 1_000_000_000L;
  private final Map<Long, ProcessReading> processes = new HashMap<>();
  private final ProcessWatch watch = new ProcessWatch(60 * SECOND);

  private Optional<ProcessReading> read(long pid) {
    return Optional.ofNullable(processes.get(pid));
  }

  private void process(long pid, long cpuMillis, String state) {
    processes.put(pid, new ProcessReading(pid, cpuMillis, 4096, state));
  }

  @Test
  void shouldMeasureFromTheReadingTakenWhenAsked() {
    process(7, 1_000, "R");
    watch.ask(List.of(processes.get(7L)), 0);
    process(7, 2_000, "R");

    var usages = watch.sample(this::read, SECOND, 1.0, 2);

    // one CPU second in one second on a 2-core machine is half the machine
    assertThat(usages)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.cpuPercent()).isCloseTo(50.0, within(1e-9));
              assertThat(u.state()).isEqualTo("R");
            });
  }

  @Test
  void shouldWaitForAWindowLongEnoughToMeasure() {
    process(7, 0, "S");
    watch.ask(List.of(processes.get(7L)), 0);

    assertThat(watch.sample(this::read, SECOND / 10, 1.0, 2)).isEmpty();
    assertThat(watch.sample(this::read, SECOND, 1.0, 2)).hasSize(1);
  }

  @Test
  void shouldForgetAProcessAskedAboutOnceAfterItsTime() {
    process(7, 0, "S");
    watch.ask(List.of(processes.get(7L)), 0);

    assertThat(watch.sample(this::read, 59 * SECOND, 1.0, 2)).hasSize(1);
    assertThat(watch.sample(this::read, 61 * SECOND, 1.0, 2)).isEmpty();
    assertThat(watch.size()).isZero();
  }

  @Test
  void shouldKeepAHeldProcessUntilReleased() {
    process(9, 0, "S");
    watch.hold(List.of(9L));

    assertThat(watch.sample(this::read, 0, 1.0, 2)).as("first reading is the baseline").isEmpty();
    assertThat(watch.sample(this::read, 100 * SECOND, 1.0, 2)).hasSize(1);
    watch.release(List.of(9L));
    assertThat(watch.sample(this::read, 101 * SECOND, 1.0, 2)).isEmpty();
    assertThat(watch.size()).isZero();
  }

  @Test
  void shouldDropAProcessThatExited() {
    process(7, 0, "S");
    watch.hold(List.of(7L));
    processes.clear();

    assertThat(watch.sample(this::read, SECOND, 1.0, 2)).isEmpty();
    assertThat(watch.size()).isZero();
  }
}
