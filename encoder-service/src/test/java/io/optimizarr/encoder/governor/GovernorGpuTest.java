package io.optimizarr.encoder.governor;

import static io.optimizarr.encoder.governor.GovernorFixtures.gpuObservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.optimizarr.encoder.governor.GovernorFixtures.Judged;
import io.optimizarr.encoder.settings.ReleaseCause;
import io.optimizarr.encoder.settings.ResourceSettings;
import io.optimizarr.model.GpuProcess;
import io.optimizarr.model.GpuUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * GPU load judged per process. The GPUs are what the monitor's probe reads from its recorded NVML
 * answers (monitor-service's NvmlGpuProbeTest, test resources {@code nvml/}): a desktop GPU on
 * which our NVENC encode (pid 41872) runs beside a media server's transcode (2291) and a game
 * (3377), and an H100 under a torch matmul (30127); the variants change one figure of them, as said
 * where they do.
 */
class GovernorGpuTest {

  private static final Governor.Job JOB = new Governor.Job(1, false, false, null, null, null);
  private static final long OURS = 41872;
  private static final GpuProcess OUR_ENCODE =
      new GpuProcess(OURS, 3.0, 61.0, 0.0, 318_767_104L, 1);
  private static final GpuProcess TRANSCODE =
      new GpuProcess(2291, 2.0, 24.0, 18.0, 236_978_176L, 1);
  private static final GpuProcess GAME = new GpuProcess(3377, 58.0, 0.0, 0.0, null, 0);

  private Instant now = Instant.parse("2026-11-26T12:00:00Z");
  private Governor governor = GovernorFixtures.governor(GovernorFixtures.DEFAULTS, now);

  private static GpuUsage rtx(Double encoder, List<GpuProcess> processes) {
    return new GpuUsage(
        0,
        "NVIDIA GeForce RTX 4070",
        "GPU-0d9b6c5e-2f41-4a7e-9c1d-7be0f2a81c33",
        "nvidia",
        63.0,
        2_147_483_648L,
        12_878_610_432L,
        66.0,
        142.318,
        encoder,
        18.0,
        processes);
  }

  private static final GpuUsage RTX = rtx(85.0, List.of(TRANSCODE, GAME, OUR_ENCODE));

  private static final GpuUsage H100_TORCH =
      new GpuUsage(
          1,
          "NVIDIA H100 80GB HBM3",
          "GPU-c5bdea40-621b-0536-4057-069ae2526015",
          "nvidia",
          99.0,
          925_892_608L,
          85_520_809_984L,
          59.0,
          699.171,
          0.0,
          0.0,
          List.of(new GpuProcess(30127, 99.0, 0.0, 0.0, 916_455_424L, null)));

  private void thresholdGpu(int gpuThreshold) {
    var d = GovernorFixtures.DEFAULTS;
    governor =
        GovernorFixtures.governor(
            new ResourceSettings(
                d.cpuThreshold(),
                d.memoryThreshold(),
                gpuThreshold,
                d.niceLevel(),
                d.cpuAffinity(),
                d.enableThrottling(),
                d.resumeMargin(),
                d.pauseAfterSamples(),
                d.resumeAfterSamples(),
                d.cpuTemperatureLimit(),
                d.gpuTemperatureLimit(),
                d.onMonitorLost(),
                d.staleAfterSeconds(),
                d.maxConcurrentJobs(),
                d.priorityMode(),
                d.ignoreBatchLoad(),
                ReleaseCause.ALL),
            now);
  }

  /** Two samples of the same observation: the second decides (pause after 2 hot samples). */
  private Map<Long, String> twice(Observation o) {
    now = now.plusSeconds(1);
    governor.observe(now, o, List.of(JOB));
    now = now.plusSeconds(1);
    return Judged.of(governor.observe(now, o, List.of(JOB))).pause();
  }

  @Test
  void shouldJudgeOtherProgramsGpuLoadWhileOurEncodeUsesTheGpu() {
    thresholdGpu(50);

    assertThat(twice(gpuObservation(List.of(RTX), true, Set.of(OURS))))
        .as("the game's 58 % and the transcode's 2 % of the SMs; our 61 % of NVENC is not theirs")
        .containsEntry(1L, "gpu 60% > 50% (other processes)");
  }

  @Test
  void shouldKeepEncodingBesideOthersBelowTheThreshold() {
    var o = gpuObservation(List.of(RTX), true, Set.of(OURS));

    assertThat(twice(o)).as("others' 60 % under 90 %, though the encoder is 85 % busy").isEmpty();
    assertThat(o.gpuLoad()).isEqualTo(new GpuLoad.Share(85.0, 61.0, 60.0, true));
  }

  @Test
  void shouldShowOursAndOthersShareOfTheGpuInTheThresholds() {
    var o = gpuObservation(List.of(RTX), true, Set.of(OURS));
    now = now.plusSeconds(1);
    Governor.Decision decision = governor.observe(now, o, List.of(JOB));

    var view =
        ThresholdsView.of(
            decision.state(), now, decision, o, governor.nodeHotByResource(), null, null);

    assertThat(view.resources())
        .filteredOn(r -> r.resource().equals("gpu"))
        .containsExactly(new ThresholdsView.Reading("gpu", 85.0, 61.0, 60.0, 90, false));
  }

  @Test
  void shouldNeverPauseForOurOwnNvencLoad() {
    var alone = rtx(92.0, List.of(new GpuProcess(OURS, 4.0, 92.0, 0.0, 318_767_104L, 1)));
    var o = gpuObservation(List.of(alone), true, Set.of(OURS));

    for (int i = 0; i < 10; i++) {
      assertThat(twice(o)).isEmpty();
    }
    assertThat(o.gpuLoad()).isEqualTo(new GpuLoad.Share(92.0, 92.0, 0.0, true));
  }

  @Test
  void shouldCountAnotherProgramsNvencUseAsForeignLoad() {
    thresholdGpu(50);
    var transcoding = new GpuProcess(2291, 2.0, 55.0, 18.0, 236_978_176L, 1);
    var gpu = rtx(95.0, List.of(transcoding, new GpuProcess(OURS, 3.0, 40.0, 0.0, 1L, 1)));

    assertThat(twice(gpuObservation(List.of(gpu), true, Set.of(OURS))))
        .containsEntry(1L, "gpu 55% > 50% (other processes)");
  }

  @Test
  void shouldCountTheGpuMemoryAnotherProgramHoldsAsForeignLoad() {
    thresholdGpu(80);
    // A game that holds 11.5 GB of the card's 12.9 GB while it renders little.
    var game = new GpuProcess(3377, 10.0, 0.0, 0.0, 11_500_000_000L, 0);
    var o = gpuObservation(List.of(rtx(61.0, List.of(game, OUR_ENCODE))), true, Set.of(OURS));

    assertThat(o.gpuLoad().foreign()).isCloseTo(89.3, within(0.1));
    assertThat(o.gpuLoad().own())
        .as("our NVENC share, more than our 2.5 % of memory")
        .isEqualTo(61.0);
    assertThat(twice(o)).containsEntry(1L, "gpu 89% > 80% (other processes)");
    assertThat(PauseKind.of(List.of(Reason.load(Resource.GPU, 89, 80, 10, true)), ReleaseCause.ALL))
        .as("paused for the GPU, a segmented encode is released, freeing its memory")
        .isEqualTo(PauseKind.RELEASE);
  }

  @Test
  void shouldSplitTheEncoderBySessionsWhereProcessesHaveNoEncoderShare() {
    thresholdGpu(70);
    var theirs = new GpuProcess(2291, 2.0, null, null, 1L, 3);
    var ours = new GpuProcess(OURS, 3.0, null, null, 1L, 1);
    var o = gpuObservation(List.of(rtx(96.0, List.of(theirs, ours))), true, Set.of(OURS));

    assertThat(o.gpuLoad()).isEqualTo(new GpuLoad.Share(96.0, 24.0, 72.0, true));
    assertThat(twice(o)).containsEntry(1L, "gpu 72% > 70% (other processes)");
  }

  @Test
  void shouldCountAllOfAListedGpuNoneOfOursIsOn() {
    var o = gpuObservation(List.of(RTX, H100_TORCH), true, Set.of(OURS));

    assertThat(twice(o)).containsEntry(1L, "gpu 99% > 90% (other processes)");
  }

  @Test
  void shouldNotJudgeGpuLoadWhenNoneOfOurPidsIsOnAnyGpu() {
    // A containerised encoder: its ffmpeg is pid 57 to it, 41872 to the driver.
    thresholdGpu(50);
    var game = rtx(85.0, List.of(new GpuProcess(3377, 97.0, 0.0, 0.0, null, 0), OUR_ENCODE));
    var o = gpuObservation(List.of(game), true, Set.of(57L));

    assertThat(twice(o)).as("ours cannot be told from others'").isEmpty();
    assertThat(o.gpuLoad().foreign()).isNull();
    assertThat(o.gpuLoad().total()).isEqualTo(85.0);
  }

  @Test
  void shouldKeepTodaysRuleForGpusWithoutPerProcessFigures() {
    var amd =
        new GpuUsage(0, "AMD Radeon RX 7800 XT", null, "amd", 97.0, 1L, 2L, 60.0, null, null, null);

    assertThat(twice(gpuObservation(List.of(amd), true, Set.of(OURS))))
        .as("ours on it, not judged")
        .isEmpty();
    assertThat(twice(gpuObservation(List.of(amd), false, Set.of(OURS))))
        .containsEntry(1L, "gpu 97% > 90%");
  }

  @Test
  void shouldTakeAnEncodeOfOursSeenOnAGpuForOneThatUsesIt() {
    // A profile with a CPU codec, whose ffmpeg still opened the GPU (to decode, say).
    var alone = rtx(92.0, List.of(new GpuProcess(OURS, 4.0, 92.0, 0.0, 318_767_104L, 1)));
    var o = gpuObservation(List.of(alone), false, Set.of(OURS));

    assertThat(twice(o)).isEmpty();
    assertThat(o.gpuLoad().foreign()).isZero();
  }

  @Test
  void shouldJudgeTheBusiestEngineWhileNoEncodeOfOursUsesAGpu() {
    var transcodeOnly = rtx(95.0, List.of(TRANSCODE));

    assertThat(twice(gpuObservation(List.of(transcodeOnly), false, Set.of(OURS))))
        .as("another program's NVENC at 95 %")
        .containsEntry(1L, "gpu 95% > 90%");
  }
}
