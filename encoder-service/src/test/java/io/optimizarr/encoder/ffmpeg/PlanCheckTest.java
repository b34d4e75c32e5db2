package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outputs compared with their plans, on recorded ffprobe answers. */
class PlanCheckTest {

  private static final StreamRules DROPS_ALLOWED = new StreamRules(List.of(), List.of(), true);

  @Test
  void shouldNameAStreamTheOutputLacks() throws Exception {
    MediaProbe.Media input = StreamPlannerTest.rich();
    StreamPlan plan = StreamPlanner.plan(input, StreamPlannerTest.H264_MP4, DROPS_ALLOWED);
    // Recorded from an encode of the rich clip that left out the French track.
    MediaProbe.Media output =
        MediaProbe.parse(
            Files.readString(
                Path.of("src/test/resources/ffprobe/rich-as-mp4-without-french-audio.json")));

    assertThat(PlanCheck.differences(plan, input, output))
        .containsExactly("the output has 1 audio streams, the plan 2");
  }

  @Test
  void shouldNameAWrongCodecALanguageAndMissingChapters() throws Exception {
    StreamPlan plan =
        StreamPlanner.plan(
            StreamPlannerTest.rich(), StreamPlanEncodeTest.HEVC_MKV, StreamRules.KEEP_ALL);
    MediaProbe.Media output =
        StreamPlannerTest.media(
            StreamPlannerTest.VIDEO,
            StreamPlannerTest.audio("aac", "eng", true),
            StreamPlannerTest.audio("aac", "ger", false),
            "\"codec_type\": \"subtitle\", \"codec_name\": \"subrip\", \"tags\": {\"language\": \"eng\"}",
            "\"codec_type\": \"attachment\", \"codec_name\": \"ttf\"");

    assertThat(PlanCheck.differences(plan, StreamPlannerTest.rich(), output))
        .containsExactly(
            "video stream 1 (input #0 video h264) is h264, planned hevc",
            "audio stream 2 (input #2 audio aac (fre) 'Commentary') has language ger, planned fre",
            "the output has 0 chapters, the plan 2");
  }

  @Test
  void shouldAllowAFrameCountWithinATenthOfAPercentOnly() throws Exception {
    String film = "\"codec_type\": \"video\", \"codec_name\": \"hevc\", \"nb_frames\": \"%d\"";
    MediaProbe.Media input =
        StreamPlannerTest.media(String.format(film, 10_000).replace("hevc", "h264"));
    StreamPlan plan =
        StreamPlanner.plan(input, StreamPlanEncodeTest.HEVC_MKV, StreamRules.KEEP_ALL);

    assertThat(
            PlanCheck.differences(plan, input, StreamPlannerTest.media(String.format(film, 9_990))))
        .isEmpty();
    assertThat(
            PlanCheck.differences(plan, input, StreamPlannerTest.media(String.format(film, 9_989))))
        .containsExactly("the output's video has 9989 frames, the input's 10000");
  }
}
