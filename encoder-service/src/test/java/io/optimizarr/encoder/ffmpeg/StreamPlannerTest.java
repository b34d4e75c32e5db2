package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.ffmpeg.StreamDecision.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan for every kind of stream, on recorded ffprobe answers; ffmpeg runs in
 * StreamPlanEncodeTest.
 */
class StreamPlannerTest {

  static final EncodeSettings HEVC_MKV = StreamPlanEncodeTest.HEVC_MKV;
  static final EncodeSettings H264_MP4 = StreamPlanEncodeTest.H264_MP4;
  static final EncodeSettings COPY_MP4 =
      new EncodeSettings(VideoCodec.LIBX264, 23, "fast", AudioCodec.COPY, null, Container.MP4);

  /** ffprobe's answer for Clips.rich: H.264, aac eng (default), aac fre "Commentary", srt, font. */
  static MediaProbe.Media rich() throws Exception {
    return MediaProbe.parse(Files.readString(Path.of("src/test/resources/ffprobe/rich-mkv.json")));
  }

  /** A file of these streams, each {@code {"codec_type": …}} as ffprobe writes them. */
  static MediaProbe.Media media(String... streams) throws Exception {
    var json = new StringBuilder("{\"streams\": [");
    for (int i = 0; i < streams.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"index\": ")
          .append(i)
          .append(", ")
          .append(streams[i])
          .append("}");
    }
    return MediaProbe.parse(json.append("], \"format\": {\"duration\": \"3.0\"}}").toString());
  }

  static final Path WORK = Path.of("/media/.optimizarr-7-0011223344556677");

  static final String VIDEO =
      "\"codec_type\": \"video\", \"codec_name\": \"h264\", \"pix_fmt\": \"yuv420p\"";

  static String audio(String codec, String language, boolean isDefault) {
    return "\"codec_type\": \"audio\", \"codec_name\": \""
        + codec
        + "\", \"tags\": {\"language\": \""
        + language
        + "\"}, \"disposition\": {\"default\": "
        + (isDefault ? 1 : 0)
        + "}";
  }

  private static List<Action> actions(StreamPlan plan) {
    return plan.streams().stream().map(StreamDecision::action).toList();
  }

  @Test
  void shouldKeepEveryStreamOfARichFileInMatroska() throws Exception {
    StreamPlan plan = StreamPlanner.plan(rich(), HEVC_MKV, StreamRules.KEEP_ALL);

    assertThat(actions(plan))
        .containsExactly(Action.CONVERTED, Action.KEPT, Action.KEPT, Action.KEPT, Action.KEPT);
    assertThat(plan.refused()).isEmpty();
    assertThat(plan.chapters()).isEqualTo(2);
    assertThat(plan.streams().get(4).reason()).isEqualTo("font attachment copied");
    assertThat(plan.arguments(WORK))
        .containsSubsequence(
            "-map", "0:0", "-map", "0:1", "-map", "0:2", "-map", "0:3", "-map", "0:4")
        .containsSubsequence("-c:0", "libx265")
        .containsSubsequence("-disposition:1", "default")
        .containsSubsequence("-disposition:2", "0")
        .containsSubsequence("-c:4", "copy")
        .containsSubsequence("-map_metadata", "0", "-map_chapters", "0");
  }

  @Test
  void shouldRefuseTheMp4PlanByDefaultNamingTheFontItWouldDrop() throws Exception {
    StreamPlan plan = StreamPlanner.plan(rich(), H264_MP4, StreamRules.KEEP_ALL);

    assertThat(actions(plan))
        .containsExactly(
            Action.CONVERTED, Action.CONVERTED, Action.CONVERTED, Action.CONVERTED, Action.DROPPED);
    assertThat(plan.streams().get(3).outputCodec()).isEqualTo("mov_text");
    assertThat(plan.streams().get(4).reason())
        .isEqualTo("font attachment: MP4 holds no attachments");
    assertThat(plan.streams().get(2).reason())
        .contains("'Commentary' kept as the track's handler name");
    assertThat(plan.arguments(WORK))
        .containsSubsequence("-metadata:s:2", "handler_name=Commentary");
    assertThat(plan.refused())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains("#4 attachment ttf", "allowStreamDrops", "MP4 holds no attachments"));

    StreamPlan allowed =
        StreamPlanner.plan(rich(), H264_MP4, new StreamRules(List.of(), List.of(), true));
    assertThat(allowed.refused()).isEmpty();
    assertThat(allowed.output()).hasSize(4);
  }

  @Test
  void shouldLeaveOutTracksInLanguagesTheProfileDoesNotWantWithoutRefusing() throws Exception {
    StreamPlan plan =
        StreamPlanner.plan(
            rich(), HEVC_MKV, new StreamRules(List.of("eng"), List.of("ger"), false));

    assertThat(actions(plan))
        .containsExactly(
            Action.CONVERTED, Action.KEPT, Action.DROPPED, Action.DROPPED, Action.KEPT);
    assertThat(plan.streams().get(2).reason())
        .isEqualTo("language fre not in the profile's audio languages [eng]");
    assertThat(plan.streams().get(2).byProfileRule()).isTrue();
    assertThat(plan.refused()).isEmpty();
  }

  @Test
  void shouldTakeBibliographicAndTerminologyCodesForTheSameLanguage() throws Exception {
    StreamPlan plan =
        StreamPlanner.plan(rich(), HEVC_MKV, new StreamRules(List.of("fra"), List.of(), false));

    assertThat(plan.streams().get(2).action()).isEqualTo(Action.KEPT);
  }

  @Test
  void shouldKeepTracksOfNoStatedLanguageWhateverTheRules() throws Exception {
    var input =
        media(
            VIDEO,
            audio("aac", "und", false),
            "\"codec_type\": \"audio\", \"codec_name\": \"aac\"");

    StreamPlan plan =
        StreamPlanner.plan(input, HEVC_MKV, new StreamRules(List.of("eng"), List.of(), false));

    assertThat(actions(plan)).containsExactly(Action.CONVERTED, Action.KEPT, Action.KEPT);
  }

  @Test
  void shouldNeverLeaveTheOutputWithoutAudioKeepingTheDefaultTrack() throws Exception {
    var input = media(VIDEO, audio("aac", "fre", false), audio("ac3", "eng", true));

    StreamPlan plan =
        StreamPlanner.plan(input, HEVC_MKV, new StreamRules(List.of("ger"), List.of(), false));

    assertThat(actions(plan)).containsExactly(Action.CONVERTED, Action.DROPPED, Action.KEPT);
    assertThat(plan.streams().get(2).reason()).contains("the output would have no audio otherwise");
    assertThat(plan.refused()).isEmpty();
  }

  @Test
  void shouldDecideAnAudioCodecMp4CannotCopyBeforeFfmpegStarts() throws Exception {
    var both = media(VIDEO, audio("aac", "eng", true), audio("flac", "eng", false));
    StreamPlan plan = StreamPlanner.plan(both, COPY_MP4, StreamRules.KEEP_ALL);

    assertThat(actions(plan)).containsExactly(Action.CONVERTED, Action.KEPT, Action.DROPPED);
    assertThat(plan.streams().get(2).reason()).startsWith("flac audio cannot be copied into MP4");
    assertThat(plan.refused()).hasValueSatisfying(r -> assertThat(r).contains("#2 audio flac"));

    var onlyFlac = media(VIDEO, audio("flac", "eng", true));
    StreamPlan silent =
        StreamPlanner.plan(onlyFlac, COPY_MP4, new StreamRules(List.of(), List.of(), true));
    assertThat(silent.refused())
        .hasValueSatisfying(r -> assertThat(r).startsWith("the output would have no audio"));
  }

  @Test
  void shouldDropImageSubtitlesFromMp4AndKeepThemInMatroska() throws Exception {
    var input =
        media(
            VIDEO,
            audio("aac", "eng", true),
            "\"codec_type\": \"subtitle\", \"codec_name\": \"hdmv_pgs_subtitle\"");

    assertThat(StreamPlanner.plan(input, HEVC_MKV, StreamRules.KEEP_ALL).streams().get(2).action())
        .isEqualTo(Action.KEPT);
    StreamDecision mp4 = StreamPlanner.plan(input, H264_MP4, StreamRules.KEEP_ALL).streams().get(2);
    assertThat(mp4.action()).isEqualTo(Action.DROPPED);
    assertThat(mp4.reason()).isEqualTo("image subtitles (hdmv_pgs_subtitle) cannot go into MP4");
  }

  @Test
  void shouldKeepCoverArtAsTheCoverPictureInMp4AndAsAnAttachmentInMatroska() throws Exception {
    var input =
        media(
            VIDEO,
            audio("aac", "eng", true),
            "\"codec_type\": \"video\", \"codec_name\": \"mjpeg\", \"disposition\": {\"attached_pic\": 1}");

    StreamDecision mp4 = StreamPlanner.plan(input, H264_MP4, StreamRules.KEEP_ALL).streams().get(2);
    assertThat(mp4.action()).isEqualTo(Action.KEPT);
    assertThat(mp4.options()).containsExactly("-disposition", "attached_pic");
    StreamPlan mkv = StreamPlanner.plan(input, HEVC_MKV, StreamRules.KEEP_ALL);
    assertThat(mkv.streams().get(2).action()).isEqualTo(Action.KEPT);
    assertThat(mkv.streams().get(2).reason())
        .isEqualTo("cover art copied as the attachment cover.jpg");
    assertThat(mkv.arguments(WORK))
        .doesNotContain("0:2")
        .containsSubsequence(
            "-map",
            "0:1",
            "-attach",
            WORK.resolve("picture-2.jpg").toString(),
            "-metadata:s:2",
            "mimetype=image/jpeg",
            "-metadata:s:2",
            "filename=cover.jpg");
    assertThat(mkv.pictures()).extracting(StreamDecision::index).containsExactly(2);
  }

  @Test
  void shouldKeepTheBitDepthWhereTheEncoderCan() throws Exception {
    var tenBit =
        media("\"codec_type\": \"video\", \"codec_name\": \"hevc\", \"pix_fmt\": \"yuv422p10le\"");
    var twelveBit =
        media("\"codec_type\": \"video\", \"codec_name\": \"hevc\", \"pix_fmt\": \"yuv420p12le\"");

    assertThat(VideoPlanner.pixelFormat(tenBit.streams().get(0), VideoCodec.LIBX265))
        .hasValue("yuv422p10le");
    assertThat(VideoPlanner.pixelFormat(tenBit.streams().get(0), VideoCodec.LIBSVTAV1))
        .hasValue("yuv420p10le");
    assertThat(VideoPlanner.pixelFormat(twelveBit.streams().get(0), VideoCodec.LIBX264))
        .hasValue("yuv420p10le");
    assertThat(VideoPlanner.pixelFormat(tenBit.streams().get(0), VideoCodec.HEVC_NVENC))
        .hasValue("p010le");
  }

  @Test
  void shouldCarryTheColourOfTheInputToTheEncoder() throws Exception {
    var input =
        media(
            "\"codec_type\": \"video\", \"codec_name\": \"hevc\", \"pix_fmt\": \"yuv420p10le\","
                + " \"color_primaries\": \"bt2020\", \"color_transfer\": \"smpte2084\", \"color_space\": \"bt2020nc\"");

    StreamPlan plan = StreamPlanner.plan(input, HEVC_MKV, StreamRules.KEEP_ALL);

    assertThat(plan.arguments(WORK))
        .containsSubsequence(
            "-pix_fmt:0",
            "yuv420p10le",
            "-color_primaries:0",
            "bt2020",
            "-color_trc:0",
            "smpte2084",
            "-colorspace:0",
            "bt2020nc");
    assertThat(plan.streams().get(0).reason()).contains("yuv420p10le kept", "transfer smpte2084");
  }

  @Test
  void shouldReadHdr10MetadataFromAFramesSideData() throws Exception {
    var frame =
        new ObjectMapper()
            .readTree(
                """
                {"side_data_list": [
                  {"side_data_type": "Mastering display metadata",
                   "red_x": "34000/50000", "red_y": "16000/50000",
                   "green_x": "13250/50000", "green_y": "34500/50000",
                   "blue_x": "7500/50000", "blue_y": "3000/50000",
                   "white_point_x": "15635/50000", "white_point_y": "16450/50000",
                   "min_luminance": "1/10000", "max_luminance": "10000000/10000"},
                  {"side_data_type": "Content light level metadata",
                   "max_content": 1000, "max_average": 400},
                  {"side_data_type": "H.26[45] User Data Unregistered SEI message"}]}
                """);

    assertThat(Hdr10.fromFrame(frame))
        .hasValue(
            new Hdr10(
                "G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)",
                "1000,400"));
    assertThat(Hdr10.fromFrame(frame).orElseThrow().x265Params())
        .isEqualTo(
            "hdr10=1:master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)"
                + "L(10000000,1):max-cll=1000,400");
  }

  @Test
  void shouldSayWhenAnEncoderCannotCarryHdr10() throws Exception {
    var video =
        media("\"codec_type\": \"video\", \"codec_name\": \"hevc\", \"pix_fmt\": \"yuv420p10le\"");
    var hdr =
        new MediaProbe.Media(
            video.durationSeconds(),
            video.streams(),
            video.chapters(),
            new Hdr10("G(1,1)B(1,1)R(1,1)WP(1,1)L(1,1)", null));

    assertThat(StreamPlanner.plan(hdr, HEVC_MKV, StreamRules.KEEP_ALL).arguments(WORK))
        .containsSubsequence(
            "-x265-params:0", "hdr10=1:master-display=G(1,1)B(1,1)R(1,1)WP(1,1)L(1,1)");
    assertThat(StreamPlanner.plan(hdr, H264_MP4, StreamRules.KEEP_ALL).streams().get(0).reason())
        .contains("HDR10 mastering metadata not carried");
  }

  @Test
  void shouldTurnDiscPcmThatMatroskaCannotHoldIntoFlac() throws Exception {
    var input = media(VIDEO, audio("pcm_bluray", "eng", true));

    StreamDecision pcm = StreamPlanner.plan(input, HEVC_MKV, StreamRules.KEEP_ALL).streams().get(1);

    assertThat(pcm.action()).isEqualTo(Action.CONVERTED);
    assertThat(pcm.encoder()).isEqualTo("flac");
    assertThat(pcm.reason())
        .isEqualTo("pcm_bluray cannot be copied into MKV: converted losslessly to flac");
  }

  @Test
  void shouldNameSubtitlesOfUnknownKindThatTheContainerCannotHold() throws Exception {
    var input =
        media(
            VIDEO,
            audio("aac", "eng", true),
            "\"codec_type\": \"subtitle\", \"codec_name\": \"dvb_teletext\"");

    assertThat(StreamPlanner.plan(input, HEVC_MKV, StreamRules.KEEP_ALL).streams().get(2).reason())
        .isEqualTo("subtitles in dvb_teletext cannot go into MKV");
  }

  @Test
  void shouldRefuseAnInputWithoutAFilm() throws Exception {
    var song =
        media(
            audio("flac", "eng", true),
            "\"codec_type\": \"video\", \"codec_name\": \"mjpeg\", \"disposition\": {\"attached_pic\": 1}");

    assertThat(StreamPlanner.plan(song, HEVC_MKV, StreamRules.KEEP_ALL).refused())
        .hasValue("the input has no video to encode (only pictures, audio or other streams)");
  }
}
