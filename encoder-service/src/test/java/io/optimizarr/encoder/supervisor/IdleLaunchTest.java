package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.process.CgroupLayout;
import io.optimizarr.encoder.process.EncodeCgroup;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.queue.Claim;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.settings.ResourceSettings;
import io.optimizarr.encoder.testing.Settings;
import io.optimizarr.encoder.testing.Threads;
import io.optimizarr.proc.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real multi-threaded ffmpeg started through the launch chain as the supervisor starts it, with the
 * kernel's answer read from /proc: the idle class, nice 19 and the idle I/O class on every thread,
 * a session and autogroup of its own, the idle cgroup (this machine: root, cgroup v1 with {@code
 * cpu.idle}; a cgroup named for this test, removed after it); a live switch of mode reaching every
 * thread; NICE mode as before; and the parent-death signal surviving setsid and each exec.
 */
class IdleLaunchTest {

  private static EncodeCgroup cgroup;
  private final ProcessControl control = new ProcessControl();
  private Process ffmpeg;

  @BeforeAll
  static void makeTheCgroup() {
    String name = "optimizarr-test-launch-" + ProcessHandle.current().pid();
    cgroup =
        EncodeCgroup.setUp(
            EncodeCgroup.spots("auto", name, CgroupLayout.read()), OptionalLong.empty());
    assertThat(cgroup.spot()).as("root may make a cgroup at the top here").isPresent();
  }

  @AfterAll
  static void removeTheCgroup() {
    Path dir = cgroup.spot().orElseThrow().dir();
    cgroup.remove();
    assertThat(dir).doesNotExist();
  }

  @AfterEach
  void endIt() throws InterruptedException {
    if (ffmpeg != null) {
      ffmpeg.destroyForcibly();
      ffmpeg.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static ResourceSettings settings(PriorityMode mode, int nice) {
    return Settings.of(mode, nice, "", false);
  }

  private RunningEncode encode(PriorityMode mode) {
    return new RunningEncode(new Claim(18, 1L), control, cgroup, settings(mode, 10));
  }

  /** An endless four-thread x264 encode of a test picture, through the supervisor's command. */
  private static Process launch(RunningEncode encode) throws IOException {
    List<String> arguments = Threads.ENDLESS_ENCODE;
    Process started =
        new ProcessBuilder(
                FfmpegCommand.forThisHost("ffmpeg", arguments, encode.priority(), encode.cgroup()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    encode.attach(started);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcFs.host().threads(started.pid()).size() > 2);
    return started;
  }

  @Test
  void shouldRunAnIdleEncodeInTheIdleClassItsOwnSessionAndTheIdleCgroup() throws Exception {
    ffmpeg = launch(encode(PriorityMode.IDLE));
    long pid = ffmpeg.pid();

    assertThat(proc(pid, "comm").trim()).as("the pid held is ffmpeg's").isEqualTo("ffmpeg");
    assertThat(Threads.of(pid))
        .hasSizeGreaterThan(2)
        .allSatisfy(
            t -> {
              assertThat(t.policy()).as("SCHED_IDLE").isEqualTo(5);
              assertThat(t.nice()).isEqualTo(19);
              assertThat(t.io()).isEqualTo("idle");
            });
    assertThat(proc(pid, "autogroup")).endsWith("nice 19\n");
    assertThat(session(Long.toString(pid))).isEqualTo(pid).isNotEqualTo(session("self"));
    EncodeCgroup.Spot spot = cgroup.spot().orElseThrow();
    assertThat(proc(pid, "cgroup").lines())
        .anyMatch(l -> l.matches("\\d+:([a-z,]*,)?cpu(,[a-z,]*)?:" + spot.path()));
    assertThat(Files.readString(spot.dir().resolve("cpu.idle")).trim()).isEqualTo("1");
  }

  @Test
  void shouldCarryALiveSwitchOfModeToEveryThread() throws Exception {
    RunningEncode encode = encode(PriorityMode.IDLE);
    ffmpeg = launch(encode);

    encode.settingsChanged(settings(PriorityMode.NICE, 12));

    assertThat(Threads.of(ffmpeg.pid()))
        .hasSizeGreaterThan(2)
        .allSatisfy(
            t -> {
              assertThat(t.policy()).as("SCHED_OTHER").isZero();
              assertThat(t.nice()).isEqualTo(12);
              assertThat(t.io()).startsWith("none");
            });

    encode.settingsChanged(settings(PriorityMode.IDLE, 12));

    assertThat(Threads.of(ffmpeg.pid()))
        .allSatisfy(
            t -> {
              assertThat(t.policy()).isEqualTo(5);
              assertThat(t.nice()).isEqualTo(19);
              assertThat(t.io()).isEqualTo("idle");
            });
  }

  @Test
  void shouldLaunchANiceEncodeAsBeforeInThisServicesSessionAndCgroup() throws Exception {
    ffmpeg = launch(encode(PriorityMode.NICE));
    long pid = ffmpeg.pid();

    assertThat(Threads.of(pid))
        .hasSizeGreaterThan(2)
        .allSatisfy(
            t -> {
              assertThat(t.policy()).isZero();
              assertThat(t.nice()).isEqualTo(10);
              assertThat(t.io()).startsWith("none");
            });
    assertThat(session(Long.toString(pid))).isEqualTo(session("self"));
    assertThat(cpuLine(Long.toString(pid))).isEqualTo(cpuLine("self"));
  }

  @Test
  void shouldKillAnIdleEncodeWhenTheThreadThatStartedItDies() throws Exception {
    RunningEncode encode = encode(PriorityMode.IDLE);
    var started = new AtomicReference<Process>();
    // The parent-death signal follows the thread that started the process: the JVM's death ends
    // every thread, so a thread that ends stands for it.
    Thread parent =
        new Thread(
            () -> {
              try {
                started.set(launch(encode));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    parent.start();
    parent.join(40_000);
    ffmpeg = started.get();

    assertThat(ffmpeg.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ffmpeg.exitValue()).as("SIGKILL").isEqualTo(128 + 9);
  }

  private static String proc(long pid, String file) throws IOException {
    return Files.readString(Path.of("/proc", Long.toString(pid), file));
  }

  /** Field 6 of /proc/PID/stat, the session id. */
  private static long session(String pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
  }

  private static String cpuLine(String pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", pid, "cgroup")).stream()
        .filter(l -> l.matches("\\d+:([a-z,]*,)?cpu(,[a-z,]*)?:.*"))
        .findFirst()
        .orElse("");
  }
}
