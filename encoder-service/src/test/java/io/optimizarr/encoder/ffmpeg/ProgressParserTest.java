package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressParserTest {

  // Recorded from ffmpeg 5.1 (-progress pipe:1 -nostats), libx264 on a 10 s clip.
  private static final String EARLY =
      """
      frame=0
      fps=0.00
      stream_0_0_q=0.0
      bitrate=N/A
      total_size=44
      out_time_us=N/A
      out_time_ms=N/A
      out_time=N/A
      dup_frames=0
      drop_frames=0
      speed=N/A
      progress=continue
      """;
  private static final String MIDDLE =
      """
      frame=151
      fps=60.12
      stream_0_0_q=28.0
      bitrate= 118.3kbits/s
      total_size=74017
      out_time_us=5005000
      out_time_ms=5005000
      out_time=00:00:05.005000
      dup_frames=0
      drop_frames=0
      speed=1.99x
      progress=continue
      """;
  private static final String END =
      """
      frame=300
      fps=61.40
      bitrate= 120.1kbits/s
      out_time_us=10000000
      out_time_ms=10000000
      speed=2.05x
      progress=end
      """;

  private static List<Progress> parse(String... blocks) {
    var parser = new ProgressParser();
    return String.join("", blocks).lines().map(parser::accept).flatMap(Optional::stream).toList();
  }

  @Test
  void shouldGiveOneProgressPerBlock() {
    assertThat(parse(EARLY, MIDDLE, END)).hasSize(3);
  }

  @Test
  void shouldTreatNotAvailableAsUnknown() {
    Progress early = parse(EARLY).get(0);

    assertThat(early.outTimeMicros()).isZero();
    assertThat(early.speed()).isNull();
    assertThat(early.percentOf(10.0)).isZero();
    assertThat(early.etaSeconds(10.0)).isNull();
  }

  @Test
  void shouldReadMicrosecondsSpeedWithItsSpacesAndFps() {
    Progress middle = parse(MIDDLE).get(0);

    assertThat(middle.frame()).isEqualTo(151);
    assertThat(middle.outTimeMicros()).isEqualTo(5_005_000);
    assertThat(middle.fps()).isEqualTo(60.12);
    assertThat(middle.speed()).isEqualTo(1.99);
    assertThat(middle.percentOf(10.0)).isEqualTo(50.05);
    // 4.995 media seconds left at 1.99x
    assertThat(middle.etaSeconds(10.0)).isEqualTo(3L);
  }

  @Test
  void shouldReachOneHundredAtTheEnd() {
    Progress end = parse(END).get(0);

    assertThat(end.ended()).isTrue();
    assertThat(end.percentOf(10.0)).isEqualTo(100.0);
    assertThat(end.etaSeconds(10.0)).isZero();
  }

  @Test
  void shouldUseOutTimeMsWhereOutTimeUsIsMissing() {
    var parser = new ProgressParser();
    parser.accept("out_time_ms=2500000");

    assertThat(parser.accept("progress=continue").orElseThrow().outTimeMicros())
        .isEqualTo(2_500_000);
  }

  @Test
  void shouldNeverPassOneHundredPercentOnAnOverlongOutput() {
    assertThat(new Progress(1, 11_000_000, null, 1.0, false).percentOf(10.0)).isEqualTo(100.0);
  }
}
