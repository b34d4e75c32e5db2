package io.optimizarr.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunQueueDelayTest {

  @TempDir Path proc;

  @Test
  void shouldCountWaitingBetweenCallsAndNewThreadsInWhole() throws IOException {
    thread(10, 10, "5000 100 2");
    thread(10, 11, "7000 200 3");
    var delay = new RunQueueDelay(new ProcFs(proc));

    assertThat(delay.sinceLast(List.of(10L))).isZero();

    thread(10, 10, "9000 400 5");
    thread(10, 11, "8000 250 4");
    thread(10, 12, "100 30 1");
    assertThat(delay.sinceLast(List.of(10L))).isEqualTo(300 + 50 + 30);

    delay.forget();
    thread(10, 10, "9900 900 6");
    assertThat(delay.sinceLast(List.of(10L))).as("a new start after forget").isZero();
  }

  @Test
  void shouldTellBatchProcessesWaitingFromTheOthersWithoutLosingTrack() throws IOException {
    thread(10, 10, "1 100 1");
    thread(20, 20, "1 1000 1");
    var delay = new RunQueueDelay(new ProcFs(proc));
    delay.sinceLast(List.of(10L, 20L), pid -> pid == 20);

    thread(10, 10, "1 150 1");
    thread(20, 20, "1 1700 1");
    assertThat(delay.sinceLast(List.of(10L, 20L), pid -> pid == 20))
        .isEqualTo(new RunQueueDelay.Waited(700, 50));

    thread(20, 20, "1 1800 1");
    assertThat(delay.sinceLast(List.of(10L, 20L), pid -> false))
        .as("a process no longer batch keeps its figures: only the waiting since counts")
        .isEqualTo(new RunQueueDelay.Waited(0, 100));
  }

  @Test
  void shouldCountAKeptProcessesWaitingWhenNextReadAndASkippedOneFromThen() throws IOException {
    thread(10, 10, "1 100 1");
    thread(20, 20, "1 1000 1");
    var delay = new RunQueueDelay(new ProcFs(proc));
    delay.sinceLast(List.of(10L, 20L), pid -> false);

    thread(10, 10, "1 160 1");
    thread(20, 20, "1 1500 1");
    assertThat(
            delay.sinceLast(
                List.of(10L, 20L),
                pid -> false,
                pid -> pid == 10 ? RunQueueDelay.Look.KEEP : RunQueueDelay.Look.SKIP))
        .as("neither read")
        .isEqualTo(new RunQueueDelay.Waited(0, 0));

    thread(10, 10, "1 200 1");
    thread(10, 11, "1 7 1");
    thread(20, 20, "1 1800 1");
    thread(20, 21, "1 9 1");
    assertThat(delay.sinceLast(List.of(10L, 20L), pid -> false))
        .as(
            "the kept one's waiting since its last reading and its new thread; the skipped one's none")
        .isEqualTo(new RunQueueDelay.Waited(0, 100 + 7));

    thread(20, 20, "1 1850 1");
    thread(20, 21, "1 19 1");
    thread(20, 22, "1 3 1");
    assertThat(delay.sinceLast(List.of(20L), pid -> false))
        .as("read again: counted from the reading before")
        .isEqualTo(new RunQueueDelay.Waited(0, 50 + 10 + 3));
  }

  @Test
  void shouldReadAProcessKeptWithoutFiguresAndANewOneInWhole() throws IOException {
    thread(10, 10, "1 100 1");
    var delay = new RunQueueDelay(new ProcFs(proc));
    delay.sinceLast(List.of(10L), pid -> false, pid -> RunQueueDelay.Look.SKIP);

    thread(30, 30, "1 40 1");
    assertThat(delay.sinceLast(List.of(10L, 30L), pid -> false, pid -> RunQueueDelay.Look.KEEP))
        .as("10 was there unread: from now on; 30 started in between: in whole")
        .isEqualTo(new RunQueueDelay.Waited(0, 40));
  }

  @Test
  void shouldSkipProcessesThatExitedAndFindEveryProcess() throws IOException {
    thread(10, 10, "1 1 1");
    thread(20, 20, "1 1 1");
    Files.createDirectories(proc.resolve("self"));
    var delay = new RunQueueDelay(new ProcFs(proc));

    assertThat(new ProcFs(proc).processes()).containsExactlyInAnyOrder(10L, 20L);
    assertThat(delay.sinceLast(List.of(10L, 20L, 30L))).isZero();
  }

  @Test
  void shouldExpressWaitingAsAShareOfTheMachine() {
    assertThat(RunQueueDelay.percent(1_000_000_000L, 1.0, 2)).isEqualTo(50.0);
    assertThat(RunQueueDelay.percent(6_000_000_000L, 2.0, 2)).isEqualTo(150.0);
    assertThat(RunQueueDelay.percent(5, 0, 2)).isZero();
  }

  /** Three busy loops on one core: together they wait about two thirds of every second. */
  @Test
  void shouldSeeRealThreadsWaitForTheirCore() throws Exception {
    ProcFs real = ProcFs.host();
    assertThat(RunQueueDelay.supported(real)).as("per-thread schedstat in this kernel").isTrue();
    var loops = new ArrayList<Process>();
    try {
      for (int i = 0; i < 3; i++) {
        loops.add(
            new ProcessBuilder("taskset", "-c", "0", "sh", "-c", "while :; do :; done").start());
      }
      List<Long> pids = loops.stream().map(Process::pid).toList();
      var delay = new RunQueueDelay(real);
      delay.sinceLast(pids);
      long start = System.nanoTime();
      Thread.sleep(1000);
      long waited = delay.sinceLast(pids);
      double seconds = (System.nanoTime() - start) / 1e9;

      assertThat(waited / 1e9).isBetween(1.2 * seconds, 2.2 * seconds);
    } finally {
      loops.forEach(Process::destroyForcibly);
    }
  }

  private void thread(long pid, long tid, String schedstat) throws IOException {
    Path dir = proc.resolve(pid + "/task/" + tid);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("schedstat"), schedstat + "\n");
  }
}
