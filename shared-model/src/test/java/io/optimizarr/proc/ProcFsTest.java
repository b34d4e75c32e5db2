package io.optimizarr.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

  /** A python3 at nice 7 whose three threads ran about a second each. */
  private static final String BUSY_STAT =
      """
      18631 (python3) S 18629 18627 10812 0 -1 4194304 2978 6535 0 0 121 2 3 1 27 7 1 0 43932 \
      243466240 3382 18446744073709551615 94786404802560 94786404802901 140732374151808 0 0 0 0 \
      16781312 2 1 0 0 17 1 0 0 0 0 0 94786404814256 94786404814872 94787067494400 \
      140732374153280 140732374153516 140732374153516 140732374155215 0
      """;

  private static final String STATUS =
      """
      Name:\tsleep
      Umask:\t0022
      State:\tS (sleeping)
      Tgid:\t15751
      Pid:\t15751
      PPid:\t15749
      VmPeak:\t    2920 kB
      VmSize:\t    2920 kB
      VmHWM:\t    1800 kB
      VmRSS:\t    1800 kB
      RssAnon:\t     112 kB
      RssFile:\t    1688 kB
      Threads:\t1
      Cpus_allowed_list:\t0-1
      voluntary_ctxt_switches:\t1
      """;

  /** kthreadd: a kernel thread has no memory lines at all. */
  private static final String KERNEL_THREAD_STATUS =
      """
      Name:\tkthreadd
      Umask:\t0000
      State:\tS (sleeping)
      Tgid:\t2
      Kthread:\t1
      Threads:\t1
      """;

  @TempDir Path root;

  @Test
  void shouldParseStateCpuTicksAndNicenessOfAStatLine() {
    ProcessStat stat = ProcFs.parseStat(BUSY_STAT);

    assertThat(stat.state()).isEqualTo('S');
    assertThat(stat.cpuTicks()).as("utime + stime, not the children's").isEqualTo(123);
    assertThat(stat.niceness()).isEqualTo(7);
    assertThat(stat.policy()).as("SCHED_OTHER").isZero();
    assertThat(stat.batch()).as("nice 7 is not batch work").isFalse();
  }

  @Test
  void shouldTellBatchWorkByItsIdleClassOrANiceOfFifteenOrMore() {
    assertThat(new ProcessStat('R', 0, 0, ProcessStat.SCHED_IDLE).batch()).isTrue();
    assertThat(new ProcessStat('R', 0, 15, 0).batch()).isTrue();
    assertThat(new ProcessStat('R', 0, 19, 0).batch()).isTrue();
    assertThat(new ProcessStat('R', 0, 14, 0).batch()).isFalse();
    assertThat(new ProcessStat('R', 0, 0, 3).batch()).as("SCHED_BATCH still competes").isFalse();
  }

  @Test
  void shouldCountFieldsFromTheLastParenthesisOfTheCommand() {
    String stat =
        "4242 (a) (b c) T 1 4242 4242 0 -1 4194304 130 0 0 0 50 25 0 0 39 -5 4 0 39797 2990080"
            + " 406 18446744073709551615 0 0 0 0 0 0 0 6 0 1 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    assertThat(ProcFs.parseStat(stat)).isEqualTo(new ProcessStat('T', 75, -5, 0));
    String idle = stat.replace(" 17 1 0 0 0 0 0 ", " 17 1 0 5 0 0 0 ");
    assertThat(ProcFs.parseStat(idle).policy()).as("field 41").isEqualTo(5);
    assertThatThrownBy(() -> ProcFs.parseStat("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReadTheStartTimeThatTellsOneProcessOfAPidFromAnother() {
    assertThat(ProcFs.parseStartTicks(BUSY_STAT)).isEqualTo(43932);
    assertThat(
            ProcFs.parseStartTicks(
                "4242 (a) (b c) T 1 4242 4242 0 -1 4194304 130 0 0 0 50 25 0 0 39 -5 4 0 39797"
                    + " 2990080 406 0\n"))
        .isEqualTo(39797);
    assertThat(ProcFs.host().startTicks(ProcessHandle.current().pid())).isPresent();
    assertThat(ProcFs.host().startTicks(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void shouldReadResidentMemoryFromVmRss() {
    assertThat(ProcFs.parseResidentBytes(STATUS)).isEqualTo(1800 * 1024);
    assertThat(ProcFs.parseResidentBytes(KERNEL_THREAD_STATUS)).isZero();
  }

  @Test
  void shouldSplitACommandLineAtItsNuls() {
    byte[] raw = "ffmpeg\0-i\0/media/a b.mkv\0".getBytes(StandardCharsets.UTF_8);

    assertThat(ProcFs.parseCommandLine(raw)).containsExactly("ffmpeg", "-i", "/media/a b.mkv");
    assertThat(ProcFs.parseCommandLine(new byte[0])).isEmpty();
  }

  @Test
  void shouldTrimTheHostName() {
    assertThat(ProcFs.parseHostName("encoder-1\n")).isEqualTo("encoder-1");
  }

  @Test
  void shouldSampleAProcessAndSayNothingOfOneThatIsGone() throws IOException {
    write("18631/stat", BUSY_STAT);
    write("18631/status", STATUS);
    var proc = new ProcFs(root);

    long before = System.nanoTime();
    ProcessSample sample = proc.sample(18631).orElseThrow();

    assertThat(sample.pid()).isEqualTo(18631);
    assertThat(sample.state()).isEqualTo('S');
    assertThat(sample.cpuTicks()).isEqualTo(123);
    assertThat(sample.cpuMillis()).isEqualTo(1230);
    assertThat(sample.residentBytes()).isEqualTo(1800 * 1024);
    assertThat(sample.atNanos()).isBetween(before, System.nanoTime());
    assertThat(sample.batch()).isFalse();
    assertThat(proc.sample(99)).isEmpty();
    assertThat(proc.stat(99)).isEmpty();
    assertThat(proc.residentBytes(99)).isEmpty();
  }

  @Test
  void shouldListThreadsProcessesAndCommandLines() throws IOException {
    Files.createDirectories(root.resolve("10/task/10"));
    Files.createDirectories(root.resolve("10/task/11"));
    Files.createDirectories(root.resolve("20/task/20"));
    Files.createDirectories(root.resolve("self"));
    Files.createDirectories(root.resolve("sys/kernel"));
    Files.write(root.resolve("10/cmdline"), "sleep\u000060\u0000".getBytes(StandardCharsets.UTF_8));
    var proc = new ProcFs(root);

    assertThat(proc.processes()).containsExactlyInAnyOrder(10L, 20L);
    assertThat(proc.threads(10)).containsExactlyInAnyOrder(10, 11);
    assertThat(proc.threads(30)).as("exited").isEmpty();
    assertThat(proc.commandLine(10)).containsExactly("sleep", "60");
    assertThat(proc.commandLine(30)).isEmpty();
  }

  @Test
  void shouldFallBackForAHostNameAndNicenessItCannotRead() throws IOException {
    var proc = new ProcFs(root);
    assertThat(proc.hostName()).isEqualTo("localhost");
    assertThat(proc.ownNiceness()).isZero();

    write("sys/kernel/hostname", "node-a\n");
    write("self/stat", BUSY_STAT);
    assertThat(proc.hostName()).isEqualTo("node-a");
    assertThat(proc.ownNiceness()).isEqualTo(7);
  }

  @Test
  void shouldReadThisJvmFromTheRealProc() {
    ProcFs proc = ProcFs.host();
    long self = ProcessHandle.current().pid();

    assertThat(proc.sample(self))
        .hasValueSatisfying(s -> assertThat(s.residentBytes()).isPositive());
    assertThat(proc.threads(self)).contains((int) self).hasSizeGreaterThan(1);
    assertThat(proc.commandLine(self)).isNotEmpty();
    assertThat(proc.hostName()).isNotBlank();
    assertThat(proc.ownNiceness()).isBetween(-20, 19);
  }

  @Test
  void shouldCapAtTheWholeMachine() {
    assertThat(ProcFs.cpuPercent(0, 10_000, 1.0, 2)).isEqualTo(100.0);
    assertThat(ProcFs.cpuPercent(500, 400, 1.0, 2)).isZero();
    assertThat(ProcFs.cpuPercent(0, 1_000, 0, 2)).isZero();
  }

  @Test
  void shouldMeasureASampleAgainstAnEarlierOne() {
    var earlier = new ProcessSample(7, 'R', 100, 0, 0, false);
    var later = new ProcessSample(7, 'R', 200, 0, 1_000_000_000L, false);

    // one CPU second in one second on a 2-core machine is half the machine
    assertThat(later.cpuPercentSince(earlier, 2)).isCloseTo(50.0, within(1e-9));
    assertThat(earlier.cpuPercentSince(later, 2)).as("no time between").isZero();
  }

  private void write(String file, String text) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }
}
