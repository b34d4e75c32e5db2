package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.process.CpuAffinity;
import io.optimizarr.encoder.process.EncodeCgroup;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.queue.Claim;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.encoder.settings.PriorityMode;
import io.optimizarr.encoder.settings.ResourceSettings;
import io.optimizarr.encoder.testing.Settings;
import io.optimizarr.encoder.testing.Threads;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A run's process as the supervisor holds it, on real processes: one that has exited is not
 * signalled (its pid may name another process by now), and a cancel or a governor's pause made
 * while no process ran is carried out on the next one at once; and the pure rules beside it (cores,
 * launch failures, lease timing).
 */
class RunningEncodeTest {

  private static final ResourceSettings SETTINGS = Settings.of(PriorityMode.IDLE, 10, "", false);

  private final RunningEncode encode =
      new RunningEncode(new Claim(7, 1L), new ProcessControl(), EncodeCgroup.NONE, SETTINGS);

  @Test
  void shouldNeitherPauseByHandNorNameAProcessThatHasExited() throws Exception {
    Process brief = new ProcessBuilder("true").start();
    encode.attach(brief);
    assertThat(brief.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(encode.pid()).isNull();
    assertThat(encode.pause(true)).isFalse();
    assertThat(encode.isPaused()).isFalse();
  }

  /**
   * The governor paused the run between two of its processes (here before the first): the run is
   * held, and the process that starts next is stopped at once, not left running while the governor
   * takes the job for paused (CI saw an encode claimed under a foreground's load run on so).
   */
  @Test
  void shouldStopTheNextProcessWhenTheGovernorPausedWhileNoneRan() throws Exception {
    assertThat(encode.pause(false)).isTrue();
    assertThat(encode.isPaused()).isTrue();
    assertThat(encode.pause(true)).as("a manual pause needs a running process").isFalse();
    Process next = new ProcessBuilder("sleep", "30").start();
    try {
      encode.attach(next);
      // A signal is taken when the process next runs: state T follows the stop at once, not in it.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> Threads.of(next.pid()).stream().allMatch(t -> t.state().equals("T")));

      assertThat(encode.resume(false)).isGreaterThanOrEqualTo(0);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> Threads.of(next.pid()).stream().noneMatch(t -> t.state().equals("T")));
      assertThat(encode.isPaused()).isFalse();
    } finally {
      next.destroyForcibly();
    }
  }

  @Test
  void shouldEndAProcessStartedAfterTheCancel() throws Exception {
    encode.cancel();
    Process late = new ProcessBuilder("sleep", "30").start();

    encode.attach(late);

    assertThat(late.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(encode.endRequested()).isTrue();
  }

  @Test
  void shouldFallBackToAllCoresForCoresThisNodeLacks() {
    Priority priority =
        Priority.of(Settings.of(PriorityMode.IDLE, 10, "0-63", false), null, null, 2);

    assertThat(priority.affinity().toCpuList()).isEqualTo("0-1");
    assertThat(priority.warning())
        .hasValueSatisfying(
            w -> assertThat(w).contains("'0-63'", "node settings", "all its cores, 0-1"));
    assertThat(Priority.of(SETTINGS, null, "1", 2).warning()).isEmpty();
    assertThat(Priority.of(SETTINGS, null, "4", 2).warning())
        .hasValueSatisfying(w -> assertThat(w).contains("profile"));
  }

  @Test
  void shouldKeepEncodesOnTheCoresTheServiceMayUseWhenNoCoresAreSet() {
    // A service started under taskset -c 1, or in a container whose cpuset is core 1.
    CpuAffinity coreOne = CpuAffinity.parse("1", 2);

    assertThat(Priority.of(SETTINGS, null, null, coreOne).affinity().toCpuList()).isEqualTo("1");
    assertThat(Priority.of(SETTINGS, null, "", coreOne).affinity().toCpuList()).isEqualTo("1");
    assertThat(Priority.of(SETTINGS, null, "0", coreOne).affinity().toCpuList()).isEqualTo("0");
    assertThat(CpuAffinity.allowedHere().toCpuList())
        .as("this test runs on every core")
        .isEqualTo(CpuAffinity.parse("", Runtime.getRuntime().availableProcessors()).toCpuList());
  }

  @Test
  void shouldFailAJobThatCannotBeRunAndRequeueOneTheDatabaseFailedToLoad() {
    assertThat(
            LaunchFailure.outcome(
                "node-a",
                new IllegalStateException("cannot load job 7", new NoSuchElementException())))
        .isInstanceOfSatisfying(
            Outcome.Failed.class, f -> assertThat(f.reason()).startsWith("the job cannot be run"));
    assertThat(
            LaunchFailure.outcome(
                "node-a",
                new IllegalStateException(
                    "cannot load job 7", new TimeoutException("no answer in 30 s"))))
        .isInstanceOfSatisfying(
            Outcome.Requeued.class,
            r -> {
              assertThat(r.countAttempt()).isTrue();
              assertThat(r.message()).contains("node node-a could not start it", "no answer");
            });
  }

  @Test
  void shouldRenewAThirdOfTheLeaseAndAtMostEveryFiveSeconds() {
    assertThat(LeaseTiming.renewEvery(Duration.ofSeconds(6))).hasMillis(2_000);
    assertThat(LeaseTiming.renewEvery(Duration.ofSeconds(60))).hasSeconds(5);
    assertThatThrownBy(() -> LeaseTiming.checked(Duration.ofSeconds(1)))
        .hasMessageContaining("OPTIMIZARR_NODE_LEASE");
  }
}
