package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodeSettingsTest {

  private static final Path IN = Path.of("/media/a film; rm -rf ~.mkv");
  private static final Path OUT = Path.of("/media/.a film.mkv.optimizarr-7.part");
  private static final StreamPlan PLAN =
      new StreamPlan(
          List.of(
              new StreamDecision(
                  0,
                  StreamKind.VIDEO,
                  "h264",
                  null,
                  null,
                  StreamDecision.Action.CONVERTED,
                  "hevc",
                  false,
                  "encoded",
                  "libx265",
                  List.of())),
          0,
          null);

  @Test
  void shouldPassPathsAsSingleArgumentsWhateverTheyContain() {
    var args =
        new EncodeSettings(VideoCodec.LIBX265, 26, "medium", AudioCodec.OPUS, 128, Container.MKV)
            .arguments(IN, OUT, PLAN);

    assertThat(args).containsSubsequence("-i", IN.toString());
    assertThat(args).endsWith("-f", "matroska", OUT.toString());
  }

  @Test
  void shouldGiveQualityPresetAndAudioBitrate() {
    var args =
        new EncodeSettings(VideoCodec.LIBX265, 26, "medium", AudioCodec.OPUS, 128, Container.MKV)
            .arguments(IN, OUT, PLAN);

    assertThat(args)
        .containsSubsequence("-map", "0:0", "-c:0", "libx265")
        .containsSubsequence("-crf:v", "26", "-preset:v", "medium", "-b:a", "128k")
        .containsSubsequence("-map_metadata", "0", "-map_chapters", "0")
        .containsSubsequence("-progress", "pipe:1");
  }

  @Test
  void shouldUseConstantQualityForNvenc() {
    var args =
        new EncodeSettings(VideoCodec.HEVC_NVENC, 24, "p5", AudioCodec.AAC, 160, Container.MP4)
            .arguments(IN, OUT, PLAN);

    assertThat(args).containsSubsequence("-cq:v", "24", "-preset:v", "p5");
    assertThat(args).endsWith("-f", "mp4", OUT.toString());
  }

  @Test
  void shouldTakeNoQualityOrBitrateWhenCopying() {
    var args =
        new EncodeSettings(VideoCodec.COPY, null, null, AudioCodec.COPY, null, Container.MKV)
            .arguments(IN, OUT, PLAN);

    assertThat(args).doesNotContain("-crf:v", "-preset:v", "-b:a");
  }
}
