package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.get;
import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.MediaProbe.Media;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real encodes through the API of clips with many kinds of streams, with the seeded profiles (HEVC
 * balanced: x265 in Matroska, audio copied; H.264 compatible: x264 and AAC in MP4) and profiles
 * with stream rules: every stream planned is in the output (ffprobe), a plan that drops streams is
 * refused before ffmpeg starts unless the profile allows it, and the plan is on the job.
 */
@QuarkusTest
class StreamsTest {

  static final Path media = TestDatabase.MEDIA.resolve("streams-test");
  static final int HEVC_MKV = 1;
  static final int H264_MP4 = 2;
  static final Duration ENCODE = Duration.ofSeconds(90);
  static final MediaProbe PROBE = new MediaProbe("ffprobe", Duration.ofSeconds(30));

  @BeforeAll
  static void clean() throws Exception {
    JobsFixture.cleanForEncodes(media);
  }

  private static Media output(int id) throws Exception {
    return PROBE.probe(Path.of(get(id).getString("outputPath")));
  }

  private static List<String> codecs(Media m) {
    return m.streams().stream().map(Media.Stream::codecName).toList();
  }

  private static List<String> actions(int id) {
    return get(id).getList("streamPlan.streams.action", String.class);
  }

  @Test
  void shouldKeepEveryStreamOfARichMatroskaWithTheHevcProfile() throws Exception {
    Path rich = Clips.rich(media);
    String before = MediaFiles.sha256(rich);

    int id = job(rich.toString(), "out-rich-hevc.mkv", HEVC_MKV);
    until(id, "COMPLETED", ENCODE);

    Media out = output(id);
    assertThat(codecs(out)).containsExactly("hevc", "aac", "aac", "subrip", "ttf");
    assertThat(out.streams().get(1).language()).isEqualTo("eng");
    assertThat(out.streams().get(2).language()).isEqualTo("fre");
    assertThat(out.streams().get(2).title()).isEqualTo("Commentary");
    assertThat(out.streams().get(4).mimetype()).isEqualTo("application/x-truetype-font");
    assertThat(out.chapters()).hasSize(2);
    assertThat(actions(id)).containsExactly("CONVERTED", "KEPT", "KEPT", "KEPT", "KEPT");
    assertThat(get(id).getString("streamPlan.streams[4].reason"))
        .isEqualTo("font attachment copied");
    assertThat(JobsFixture.events(id))
        .containsSubsequence("CLAIMED", "PLANNED", "STARTED", "CHECKED", "COMPLETED");
    assertThat(MediaFiles.sha256(rich)).isEqualTo(before);
  }

  @Test
  void shouldRefuseTheMp4ProfileBeforeFfmpegStartsNamingWhatItWouldDrop() throws Exception {
    Path rich = Clips.rich(media);

    int id = job(rich.toString(), "out-rich-refused.mp4", H264_MP4);
    var failed = until(id, "FAILED", ENCODE);

    assertThat(failed.getString("statusReason"))
        .contains(
            "#4 attachment ttf", "font attachment: MP4 holds no attachments", "allowStreamDrops");
    assertThat(actions(id))
        .containsExactly("CONVERTED", "CONVERTED", "CONVERTED", "CONVERTED", "DROPPED");
    assertThat(JobsFixture.events(id)).contains("PLANNED", "FAILED").doesNotContain("STARTED");
    assertThat(Files.exists(media.resolve("out-rich-refused.mp4"))).isFalse();
    assertThat(MediaFiles.partials(media)).isEmpty();
  }

  @Test
  void shouldEncodeToMp4WithSubtitlesConvertedWhenTheProfileAllowsDrops() throws Exception {
    int profile =
        Profiles.named("mp4 allowing drops")
            .video("libx264", 28, "veryfast")
            .audio("aac", 96)
            .container("mp4")
            .with("allowStreamDrops", true)
            .create();

    int id = job(Clips.rich(media).toString(), "out-rich-allowed.mp4", profile);
    until(id, "COMPLETED", ENCODE);

    Media out = output(id);
    assertThat(codecs(out)).startsWith("h264", "aac", "aac", "mov_text");
    assertThat(out.streams().get(3).language()).isEqualTo("eng");
    assertThat(out.chapters()).hasSize(2);
    assertThat(get(id).getString("streamPlan.streams[4].action")).isEqualTo("DROPPED");
  }

  @Test
  void shouldKeepOnlyTheLanguagesTheProfileAsksFor() throws Exception {
    int profile =
        Profiles.named("English audio, German subtitles")
            .video("libx265", 30, "ultrafast")
            .with("audioLanguages", List.of("eng"))
            .with("subtitleLanguages", List.of("ger"))
            .create();

    int id = job(Clips.rich(media).toString(), "out-rich-english.mkv", profile);
    until(id, "COMPLETED", ENCODE);

    assertThat(codecs(output(id))).containsExactly("hevc", "aac", "ttf");
    assertThat(output(id).streams().get(1).language()).isEqualTo("eng");
    assertThat(get(id).getString("streamPlan.streams[2].reason"))
        .isEqualTo("language fre not in the profile's audio languages [eng]");
    assertThat(get(id).getBoolean("streamPlan.streams[2].byProfileRule")).isTrue();
  }

  @Test
  void shouldNeverLeaveAnOutputWithoutAudio() throws Exception {
    int profile =
        Profiles.named("Japanese audio only")
            .video("libx265", 30, "ultrafast")
            .with("audioLanguages", List.of("jpn"))
            .create();

    int id = job(Clips.rich(media).toString(), "out-rich-never-silent.mkv", profile);
    until(id, "COMPLETED", ENCODE);

    Media out = output(id);
    assertThat(out.streams()).filteredOn(s -> s.codecType().equals("audio")).hasSize(1);
    assertThat(out.streams().get(1).language()).isEqualTo("eng");
    assertThat(get(id).getString("streamPlan.streams[1].reason"))
        .contains("the output would have no audio otherwise");
  }

  @Test
  void shouldKeepImageSubtitlesInMatroskaAndRefuseThemForMp4() throws Exception {
    Path pgs = Clips.imageSubtitles(media);

    int mkv = job(pgs.toString(), "out-pgs.mkv", HEVC_MKV);
    int mp4 = job(pgs.toString(), "out-pgs.mp4", H264_MP4);

    until(mkv, "COMPLETED", ENCODE);
    assertThat(codecs(output(mkv))).containsExactly("hevc", "aac", "hdmv_pgs_subtitle");
    assertThat(until(mp4, "FAILED", ENCODE).getString("statusReason"))
        .contains("image subtitles (hdmv_pgs_subtitle) cannot go into MP4");
  }

  @Test
  void shouldKeepCoverArtInMp4AndInMatroskaAndTenBitColourInHevc() throws Exception {
    Path coverArt = Clips.coverArt(media);
    int mp4 = job(coverArt.toString(), "out-cover.mp4", H264_MP4);
    int mkv = job(coverArt.toString(), "out-cover.mkv", HEVC_MKV);
    int tenBit = job(Clips.tenBit(media).toString(), "out-tenbit.mkv", HEVC_MKV);

    until(mp4, "COMPLETED", ENCODE);
    assertThat(output(mp4).streams()).filteredOn(Media.Stream::attachedPic).hasSize(1);
    until(mkv, "COMPLETED", ENCODE);
    assertThat(output(mkv).streams())
        .filteredOn(Media.Stream::attachedPic)
        .extracting(Media.Stream::mimetype)
        .containsExactly("image/jpeg");
    until(tenBit, "COMPLETED", ENCODE);
    assertThat(MediaFiles.partials(media)).isEmpty();
    Media.Stream video = output(tenBit).firstFilm().orElseThrow();
    assertThat(video.pixFmt()).isEqualTo("yuv420p10le");
    assertThat(video.colorPrimaries()).isEqualTo("bt2020");
    assertThat(video.colorTransfer()).isEqualTo("smpte2084");
  }

  @Test
  void shouldDecodeTheWholeOutputWhenTheProfileAsksForTheThoroughCheck() throws Exception {
    int profile =
        Profiles.named("thorough")
            .video("libx265", 30, "ultrafast")
            .with(Map.of("thoroughCheck", true))
            .create();

    int id = job(Clips.rich(media).toString(), "out-rich-thorough.mkv", profile);
    until(id, "COMPLETED", ENCODE);

    assertThat(JobsFixture.eventMessages(id))
        .contains(
            "the output holds its stream plan (5 streams, 2 chapters) and decodes in full without"
                + " an error");
  }
}
