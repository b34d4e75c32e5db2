package io.optimizarr.monitor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.proc.ProcFs;
import io.optimizarr.proc.ProcessStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoadTest {

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @TempDir Path proc;

  /**
   * Three real busy loops: one at nice 19, one in the idle class, one at nice 0. The first two are
   * batch work and their CPU is counted; the third is a foreground and is not.
   */
  @Test
  void shouldCountTheCpuOfNicedAndIdleClassProgramsButNotANormalOne() throws Exception {
    String loop = "while :; do :; done";
    var loops = new ArrayList<Process>();
    try {
      Process niced = start(loops, "nice", "-n", "19", "sh", "-c", loop);
      Process idle = start(loops, "chrt", "--idle", "0", "sh", "-c", loop);
      Process normal = start(loops, "sh", "-c", loop);
      ProcFs host = ProcFs.host();
      var batch = new BatchLoad(host);

      BatchLoad.Reading first = batch.sinceLast(host.processes(), 1.0, CORES);
      long[] before = ticks(host, niced, idle);
      long started = System.nanoTime();
      Thread.sleep(1000);
      long[] after = ticks(host, niced, idle);
      double seconds = (System.nanoTime() - started) / 1e9;
      BatchLoad.Reading second = batch.sinceLast(host.processes(), seconds, CORES);

      assertThat(first.percent()).as("the first call only starts the count").isNull();
      assertThat(second.batchPids()).contains(niced.pid(), idle.pid()).doesNotContain(normal.pid());
      assertThat(host.stat(idle.pid()).orElseThrow().policy()).isEqualTo(ProcessStat.SCHED_IDLE);
      double ours =
          ProcFs.cpuPercent(
              0,
              (after[0] - before[0] + after[1] - before[1]) * 1000 / ProcFs.TICKS_PER_SECOND,
              seconds,
              CORES);
      // Other batch work on the machine may add to it; a tick's rounding at either end is allowed.
      double tick = ProcFs.cpuPercent(0, 2 * 1000 / ProcFs.TICKS_PER_SECOND, seconds, CORES);
      assertThat(second.percent()).isGreaterThanOrEqualTo(ours - 2 * tick);
    } finally {
      for (Process p : loops) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void shouldCountOnlyWhatARenicedProgramRanSinceAndANewOneInWhole() throws IOException {
    stat(10, 0, 500);
    stat(20, 19, 300);
    var batch = new BatchLoad(new ProcFs(proc));
    batch.sinceLast(List.of(10L, 20L), 1.0, 2);

    stat(10, 19, 560);
    stat(20, 19, 340);
    stat(30, 15, 20);
    BatchLoad.Reading reading = batch.sinceLast(List.of(10L, 20L, 30L, 40L), 1.0, 2);

    // 60 + 40 + 20 ticks in one second on two cores
    assertThat(reading.percent()).isEqualTo(60.0);
    assertThat(reading.batchPids()).containsExactlyInAnyOrder(10L, 20L, 30L);
    assertThat(reading.stillPids()).isEmpty();

    stat(10, 19, 560);
    stat(20, 0, 341);
    assertThat(batch.sinceLast(List.of(10L, 20L, 30L), 1.0, 2).stillPids())
        .as("no CPU time since the previous call, whatever the class")
        .containsExactlyInAnyOrder(10L, 30L);

    batch.forget();
    assertThat(batch.sinceLast(List.of(10L), 1.0, 2).percent()).as("a new start").isNull();
  }

  private static Process start(List<Process> started, String... command) throws IOException {
    Process p = new ProcessBuilder(command).start();
    started.add(p);
    return p;
  }

  private static long[] ticks(ProcFs host, Process... processes) {
    long[] ticks = new long[processes.length];
    for (int i = 0; i < processes.length; i++) {
      ticks[i] = host.stat(processes[i].pid()).orElseThrow().cpuTicks();
    }
    return ticks;
  }

  /** A stat line of a busy loop with this nice level and CPU time (all as utime). */
  private void stat(long pid, int nice, long ticks) throws IOException {
    Path dir = proc.resolve(Long.toString(pid));
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("stat"),
        pid
            + " (sh) R 1 1 1 0 -1 4194304 100 0 0 0 "
            + ticks
            + " 0 0 0 "
            + (20 + nice)
            + " "
            + nice
            + " 1 0 100 2990080 406 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0"
            + " 0 0 0 0 0 0 0 0\n");
  }
}
