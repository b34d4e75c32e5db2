package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.Clips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans made for real clips, carried out by real ffmpeg 5.1 with the plan's arguments, and the
 * outputs checked against their plans: every combination the planner allows works.
 */
class StreamPlanEncodeTest {

  @TempDir static Path dir;

  private static final MediaProbe PROBE = new MediaProbe("ffprobe", Duration.ofSeconds(30));
  static final EncodeSettings HEVC_MKV =
      new EncodeSettings(VideoCodec.LIBX265, 30, "ultrafast", AudioCodec.COPY, null, Container.MKV);
  static final EncodeSettings H264_MP4 =
      new EncodeSettings(VideoCodec.LIBX264, 30, "ultrafast", AudioCodec.AAC, 96, Container.MP4);
  private static final StreamRules DROPS_ALLOWED = new StreamRules(List.of(), List.of(), true);

  /** Encodes {@code input} as planned; the output, probed with its frames counted. */
  private static MediaProbe.Media encode(Path input, EncodeSettings settings, StreamPlan plan)
      throws Exception {
    Path output = dir.resolve(input.getFileName() + "." + settings.container().extension());
    Pictures.takeOut("ffmpeg", input, plan, dir, Duration.ofSeconds(30));
    var command = new ArrayList<>(List.of("ffmpeg"));
    command.addAll(settings.arguments(input, output, plan));
    Process ffmpeg =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("ffmpeg.log").toFile())
            .start();
    assertThat(ffmpeg.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(ffmpeg.exitValue()).as("ffmpeg %s", command).isZero();
    return PROBE.probeCountingFrames(output);
  }

  private static List<String> encodeAndCheck(Path input, EncodeSettings settings, StreamRules rules)
      throws Exception {
    MediaProbe.Media in = PROBE.probeCountingFrames(input);
    StreamPlan plan = StreamPlanner.plan(in, settings, rules);
    assertThat(plan.refused()).isEmpty();
    return PlanCheck.differences(plan, in, encode(input, settings, plan));
  }

  @Test
  void shouldKeepEveryStreamOfARichMatroskaInMatroska() throws Exception {
    Path rich = Clips.rich(dir);
    MediaProbe.Media in = PROBE.probeCountingFrames(rich);
    StreamPlan plan = StreamPlanner.plan(in, HEVC_MKV, StreamRules.KEEP_ALL);

    MediaProbe.Media out = encode(rich, HEVC_MKV, plan);

    assertThat(PlanCheck.differences(plan, in, out)).isEmpty();
    assertThat(out.streams())
        .extracting(MediaProbe.Media.Stream::codecName)
        .containsExactly("hevc", "aac", "aac", "subrip", "ttf");
    assertThat(out.streams().get(2).title()).isEqualTo("Commentary");
    assertThat(out.streams().get(1).isDefault()).isTrue();
    assertThat(out.streams().get(2).isDefault()).isFalse();
    assertThat(out.streams().get(4).filename()).isEqualTo("font.ttf");
    assertThat(out.chapters())
        .extracting(MediaProbe.Media.Chapter::title)
        .containsExactly("One", "Two");
  }

  @Test
  void shouldConvertSubtitlesAndKeepTitlesAsHandlerNamesInMp4WhenDropsAreAllowed()
      throws Exception {
    assertThat(encodeAndCheck(Clips.rich(dir), H264_MP4, DROPS_ALLOWED)).isEmpty();
  }

  @Test
  void shouldKeepImageSubtitlesInMatroskaAndDropThemFromMp4() throws Exception {
    Path pgs = Clips.imageSubtitles(dir);
    assertThat(encodeAndCheck(pgs, HEVC_MKV, StreamRules.KEEP_ALL)).isEmpty();
    assertThat(encodeAndCheck(pgs, H264_MP4, DROPS_ALLOWED)).isEmpty();
  }

  @Test
  void shouldKeepCoverArtInMp4AndInMatroska() throws Exception {
    Path cover = Clips.coverArt(dir);
    MediaProbe.Media in = PROBE.probeCountingFrames(cover);

    for (EncodeSettings settings : List.of(H264_MP4, HEVC_MKV)) {
      StreamPlan plan = StreamPlanner.plan(in, settings, StreamRules.KEEP_ALL);
      MediaProbe.Media out = encode(cover, settings, plan);

      assertThat(PlanCheck.differences(plan, in, out)).isEmpty();
      assertThat(out.streams()).filteredOn(MediaProbe.Media.Stream::attachedPic).hasSize(1);
    }
    // Matroska read back: the picture is an attachment again, byte for byte the input's.
    assertThat(Files.readAllBytes(dir.resolve("picture-2.jpg")))
        .isEqualTo(Files.readAllBytes(dir.resolve(".cover.jpg")));
  }

  @Test
  void shouldKeepTenBitsAndTheColourOfTheInput() throws Exception {
    Path tenBit = Clips.tenBit(dir);
    MediaProbe.Media in = PROBE.probeCountingFrames(tenBit);
    StreamPlan plan = StreamPlanner.plan(in, HEVC_MKV, StreamRules.KEEP_ALL);

    MediaProbe.Media out = encode(tenBit, HEVC_MKV, plan);

    assertThat(PlanCheck.differences(plan, in, out)).isEmpty();
    MediaProbe.Media.Stream video = out.firstFilm().orElseThrow();
    assertThat(video.pixFmt()).isEqualTo("yuv420p10le");
    assertThat(video.colorPrimaries()).isEqualTo("bt2020");
    assertThat(video.colorTransfer()).isEqualTo("smpte2084");
    assertThat(video.colorSpace()).isEqualTo("bt2020nc");
  }

  @Test
  void shouldCarryHdr10MetadataToX265() throws Exception {
    Path hdr = Clips.hdr10(dir);
    MediaProbe.Media in = PROBE.probeForPlan(hdr);
    assertThat(in.hdr10()).isEqualTo(new Hdr10(Clips.MASTER_DISPLAY, Clips.MAX_CLL));
    StreamPlan plan = StreamPlanner.plan(in, HEVC_MKV, StreamRules.KEEP_ALL);

    MediaProbe.Media out = encode(hdr, HEVC_MKV, plan);

    assertThat(PlanCheck.differences(plan, PROBE.probeCountingFrames(hdr), out)).isEmpty();
    assertThat(PROBE.probeForPlan(dir.resolve("clip-hdr-2s.mkv.mkv")).hdr10())
        .isEqualTo(in.hdr10());
    assertThat(plan.streams().get(0).reason())
        .contains("HDR10 mastering display and light levels carried");
  }

  @Test
  void shouldCarryTheChaptersOfAnMp4WithoutMappingItsChapterTrack() throws Exception {
    Path rich = Clips.rich(dir);
    MediaProbe.Media asMp4 =
        encode(rich, H264_MP4, StreamPlanner.plan(PROBE.probe(rich), H264_MP4, DROPS_ALLOWED));
    Path mp4 = dir.resolve("clip-rich-3s.mkv.mp4");
    assertThat(asMp4.streams()).extracting(MediaProbe.Media.Stream::codecName).contains("bin_data");

    for (EncodeSettings settings : List.of(HEVC_MKV, H264_MP4)) {
      Path again =
          Files.copy(mp4, dir.resolve("again-" + settings.container().extension() + ".mp4"));
      MediaProbe.Media in = PROBE.probeCountingFrames(again);
      StreamPlan plan = StreamPlanner.plan(in, settings, StreamRules.KEEP_ALL);
      assertThat(plan.refused()).isEmpty();
      assertThat(plan.streams().get(4).reason())
          .isEqualTo("MP4's chapter track: kept as the chapters");

      MediaProbe.Media out = encode(again, settings, plan);

      assertThat(PlanCheck.differences(plan, in, out)).isEmpty();
      assertThat(out.chapters()).hasSize(2);
    }
  }
}
