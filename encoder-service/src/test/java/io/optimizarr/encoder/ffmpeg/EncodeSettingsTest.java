package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EncodeSettingsTest {

  private static final Path IN = Path.of("/media/a film; rm -rf ~.mkv");
  private static final Path OUT = Path.of("/media/.a film.mkv.optimizarr-7.part");

  @Test
  void shouldPassPathsAsSingleArgumentsWhateverTheyContain() {
    var args =
        new EncodeSettings(VideoCodec.LIBX265, 26, "medium", AudioCodec.OPUS, 128, Container.MKV)
            .arguments(IN, OUT);

    assertThat(args).containsSubsequence("-i", IN.toString());
    assertThat(args).endsWith("-f", "matroska", OUT.toString());
  }

  @Test
  void shouldGiveQualityPresetAndAudioBitrate() {
    var args =
        new EncodeSettings(VideoCodec.LIBX265, 26, "medium", AudioCodec.OPUS, 128, Container.MKV)
            .arguments(IN, OUT);

    assertThat(args)
        .containsSubsequence("-c:v", "libx265", "-crf", "26", "-preset", "medium")
        .containsSubsequence("-c:a", "libopus", "-b:a", "128k")
        .containsSubsequence("-map", "0:s?", "-c:s", "copy")
        .containsSubsequence("-progress", "pipe:1");
  }

  @Test
  void shouldUseConstantQualityForNvencAndNoSubtitlesInMp4() {
    var args =
        new EncodeSettings(VideoCodec.HEVC_NVENC, 24, "p5", AudioCodec.AAC, 160, Container.MP4)
            .arguments(IN, OUT);

    assertThat(args).containsSubsequence("-c:v", "hevc_nvenc", "-cq", "24", "-preset", "p5");
    assertThat(args).doesNotContain("0:s?").endsWith("-f", "mp4", OUT.toString());
  }

  @Test
  void shouldTakeNoQualityOrBitrateWhenCopying() {
    var args =
        new EncodeSettings(VideoCodec.COPY, null, null, AudioCodec.COPY, null, Container.MKV)
            .arguments(IN, OUT);

    assertThat(args).containsSubsequence("-c:v", "copy", "-c:a", "copy");
    assertThat(args).doesNotContain("-crf", "-preset", "-b:a");
  }
}
