package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.ffmpeg.EncoderProbe.Target;
import io.optimizarr.encoder.ffmpeg.EncoderProbe.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probe's plan, its test encode and the words that say a device failed, on recorded output. */
class EncoderProbeTest {

  /** Lines of ffmpeg 5.1's {@code -encoders}, with its header. */
  static final String LISTING =
      """
      Encoders:
       V..... = Video
       ------
       V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
       V....D libx265              libx265 H.265 / HEVC (codec hevc)
       V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
       V....D hevc_vaapi           H.265/HEVC (VAAPI) (codec hevc)
       V..... hevc_qsv             HEVC (Intel Quick Sync Video acceleration) (codec hevc)
       A....D aac                  AAC (Advanced Audio Coding)
      """;

  @Test
  void shouldReadTheEncodersFfmpegLists() {
    assertThat(EncoderProbe.encoders(LISTING))
        .containsExactly("libx264", "libx265", "h264_nvenc", "hevc_vaapi", "hevc_qsv", "aac");
  }

  @Test
  void shouldJudgeWhatItCanWithoutRunningAnything() {
    var plan = EncoderProbe.plan(EncoderProbe.encoders(LISTING), List.of(), false);
    assertThat(plan)
        .contains(
            new Verdict(new Target(VideoCodec.LIBX264, ""), true, "listed by ffmpeg"),
            new Verdict(
                new Target(VideoCodec.LIBSVTAV1, ""), false, "this ffmpeg has no libsvtav1"),
            new Verdict(
                new Target(VideoCodec.HEVC_VAAPI, VideoCodec.DEFAULT_DEVICE),
                false,
                "no render node /dev/dri/renderD128 on this node"),
            new Verdict(
                new Target(VideoCodec.H264_NVENC, ""),
                false,
                "no NVIDIA device on this node (/dev/nvidiactl)"),
            new Verdict(new Target(VideoCodec.COPY, ""), true, "stream copy"));
    assertThat(plan).noneMatch(s -> s instanceof Target);
  }

  @Test
  void shouldTestHardwareEncodersOnEveryRenderNodePresent() {
    var nodes = List.of("/dev/dri/renderD128", "/dev/dri/renderD129");
    var plan = EncoderProbe.plan(Set.of("hevc_vaapi", "hevc_qsv", "h264_nvenc"), nodes, true);
    assertThat(plan)
        .filteredOn(s -> s instanceof Target)
        .containsExactlyInAnyOrder(
            new Target(VideoCodec.H264_NVENC, ""),
            new Target(VideoCodec.HEVC_VAAPI, "/dev/dri/renderD128"),
            new Target(VideoCodec.HEVC_VAAPI, "/dev/dri/renderD129"),
            new Target(VideoCodec.HEVC_QSV, "/dev/dri/renderD128"),
            new Target(VideoCodec.HEVC_QSV, "/dev/dri/renderD129"));
    assertThat(EncoderProbe.testArguments(new Target(VideoCodec.HEVC_VAAPI, "/dev/dri/renderD129")))
        .containsSubsequence(
            "-init_hw_device",
            "vaapi=va:/dev/dri/renderD129",
            "-i",
            "testsrc2=size=320x240:rate=25",
            "-filter:v",
            "format=nv12,hwupload",
            "-c:v",
            "hevc_vaapi",
            "-qp:v",
            "26",
            "-f",
            "null");
  }

  @Test
  void shouldTellADeviceFailingFromABadInput() {
    assertThat(
            EncoderProbe.deviceFailure(
                "[AVHWDeviceContext @ 0x5581] Failed to initialise VAAPI connection: -1 (unknown"
                    + " libva error).\nDevice creation failed: -5.\n"))
        .contains("Failed to initialise VAAPI connection: -1 (unknown libva error).");
    assertThat(
            EncoderProbe.deviceFailure(
                "[hevc_nvenc @ 0x55e1] OpenEncodeSessionEx failed: out of memory (10): (no details)"))
        .contains("OpenEncodeSessionEx failed: out of memory (10): (no details)");
    assertThat(
            EncoderProbe.deviceFailure(
                "[vost#0:0/hevc_vaapi @ 0x1] vaEndPicture failed: 1 (operation failed)"))
        .contains("vaEndPicture failed: 1 (operation failed)");
    assertThat(
            EncoderProbe.deviceFailure(
                "[matroska,webm @ 0x1] Read error\nError while decoding stream #0:0: Invalid data"
                    + " found when processing input"))
        .isEmpty();
  }

  @Test
  void shouldMakeATestEncodeThatFfmpegRuns() throws Exception {
    // No device here: the test encode's shape, run with a software encoder.
    var command = new java.util.ArrayList<String>(List.of("ffmpeg"));
    command.addAll(EncoderProbe.testArguments(new Target(VideoCodec.LIBX264, "")));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(said).isZero();
  }
}
