package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.optimizarr.encoder.ffmpeg.SegmentPlan.Packet;
import io.optimizarr.encoder.ffmpeg.SegmentPlan.Segment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a segmented encode cuts, decided from packets alone. */
class SegmentPlanTest {

  /**
   * {@code frames} packets at {@code fps}, a keyframe every {@code gop} frames, stored as an
   * encoder with two B-frames stores them: each P-frame before the two B-frames it precedes.
   */
  private static List<Packet> reordered(int frames, int fps, int gop) {
    var packets = new ArrayList<Packet>();
    int i = 0;
    while (i < frames) {
      packets.add(new Packet((double) i / fps, i % gop == 0));
      int p = Math.min(i + 3, frames - 1);
      if (p > i && (p / gop == i / gop)) {
        packets.add(new Packet((double) p / fps, false));
        for (int b = i + 1; b < p; b++) {
          packets.add(new Packet((double) b / fps, false));
        }
        i = p + 1;
      } else {
        i++;
      }
    }
    return packets;
  }

  @Test
  void shouldCutAtTheFirstKeyframeAtLeastTheTargetAfterEachStartAndCountEveryFrameOnce() {
    // 25 fps, 100 frames, a keyframe every 25 frames (each second): cut every 2 s.
    SegmentPlan plan = SegmentPlan.of(reordered(100, 25, 25), 2.0).orElseThrow();

    assertThat(plan.segments())
        .containsExactly(new Segment(0, 0.0, 0, 50), new Segment(1, 2.0, 50, 50));
    assertThat(plan.frames()).isEqualTo(100);
  }

  @Test
  void shouldWaitForTheNextKeyframeWhenNoneFallsOnTheTarget() {
    // Keyframes at 0, 1.2, 2.4, 3.6 s (every 30 frames at 25 fps); target 2 s: cuts at 2.4 only.
    SegmentPlan plan = SegmentPlan.of(reordered(120, 25, 30), 2.0).orElseThrow();

    assertThat(plan.segments())
        .containsExactly(new Segment(0, 0.0, 0, 60), new Segment(1, 2.4, 60, 60));
  }

  @Test
  void shouldJoinAShortLastChunkToTheOneBefore() {
    // 10.2 s with a keyframe every second, target 5 s: cuts at 5 and 10; the 0.2 s tail (less
    // than a quarter of the target) stays with the chunk before.
    SegmentPlan plan = SegmentPlan.of(reordered(255, 25, 25), 5.0).orElseThrow();

    assertThat(plan.segments())
        .containsExactly(new Segment(0, 0.0, 0, 125), new Segment(1, 5.0, 125, 130));
  }

  @Test
  void shouldGiveOneChunkWhenTheVideoHasNoKeyframeAfterItsStart() {
    SegmentPlan plan = SegmentPlan.of(reordered(250, 25, 1000), 2.0).orElseThrow();

    assertThat(plan.segments()).containsExactly(new Segment(0, 0.0, 0, 250));
  }

  @Test
  void shouldStartTheFirstChunkAtTheFirstFramePresentedWhateverTheTimestamps() {
    var packets = new ArrayList<Packet>();
    for (Packet p : reordered(100, 25, 25)) {
      packets.add(new Packet(p.ptsSeconds() + 1.5, p.keyframe()));
    }

    SegmentPlan plan = SegmentPlan.of(packets, 2.0).orElseThrow();

    assertThat(plan.segments()).extracting(Segment::startSeconds).containsExactly(1.5, 3.5);
    assertThat(plan.segments()).extracting(Segment::frames).containsExactly(50L, 50L);
  }

  @Test
  void shouldRefuseToCutVideoWhoseFramesCannotBeToldApartByTime() {
    var missing = new ArrayList<>(reordered(50, 25, 25));
    missing.set(7, new Packet(Double.NaN, false));
    var twice = new ArrayList<>(reordered(50, 25, 25));
    twice.add(new Packet(0.4, false));

    assertThat(SegmentPlan.of(List.of(), 2.0)).isEmpty();
    assertThat(SegmentPlan.of(missing, 2.0)).isEmpty();
    assertThat(SegmentPlan.of(twice, 2.0)).isEmpty();
    assertThatThrownBy(() -> SegmentPlan.of(reordered(50, 25, 25), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSeekAccuratelyJustBeforeTheKeyframeAndStopAfterTheChunksFrames() {
    var segment = new Segment(3, 12.52, 313, 63);

    assertThat(segment.seekArguments()).containsExactly("-ss", "12.519500");
    assertThat(segment.lengthArguments()).containsExactly("-frames:v", "63");
    assertThat(new Segment(0, 0.023, 0, 264).seekArguments()).isEmpty();
  }
}
