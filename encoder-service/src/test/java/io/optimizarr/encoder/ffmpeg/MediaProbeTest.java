package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Clips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffprobe reads real containers from local files only, and never for longer than its limit. */
class MediaProbeTest {

  @TempDir Path dir;

  private final MediaProbe probe = new MediaProbe("ffprobe", Duration.ofSeconds(2));

  @Test
  void shouldReadARealContainer() throws Exception {
    Path clip = Clips.clip(dir, "clip-2s.mkv", 2);

    assertThat(probe.probe(clip).videoCodec()).hasValue("h264");
  }

  @Test
  void shouldRefusePlaylistsNamedLikeFilmsThatLeadElsewhere() throws Exception {
    Path elsewhere = Clips.clip(dir, "clip-2s.mkv", 2);
    Path hls = Clips.hlsPlaylist(dir, "show.mkv", elsewhere);
    Path concat =
        Files.writeString(
            dir.resolve("film.mkv"), "ffconcat version 1.0\nfile '" + elsewhere + "'\n");

    assertThatThrownBy(() -> probe.probe(hls))
        .isInstanceOf(MediaProbe.Unreadable.class)
        .hasMessageContaining("not on whitelist");
    assertThatThrownBy(() -> probe.probe(concat))
        .isInstanceOf(MediaProbe.Unreadable.class)
        .hasMessageContaining("not on whitelist");
  }

  @Test
  void shouldStopAnInputThatNeverEndsAndLeaveNoFfprobe() throws Exception {
    Path fifo = dir.resolve("stuck.mkv");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();

    assertThatThrownBy(() -> probe.probe(fifo))
        .isInstanceOf(MediaProbe.Unreadable.class)
        .hasMessageContaining("took more than 2 s");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                ProcessHandle.current()
                    .descendants()
                    .filter(ProcessHandle::isAlive)
                    .noneMatch(p -> p.info().commandLine().orElse("").contains(fifo.toString())));
  }

  @Test
  void shouldReadEveryStreamWithItsTagsAndDispositionsAndTheChapters() throws Exception {
    MediaProbe.Media media = probe.probe(Clips.rich(dir));

    assertThat(media.streams())
        .extracting(MediaProbe.Media.Stream::codecType)
        .containsExactly("video", "audio", "audio", "subtitle", "attachment");
    MediaProbe.Media.Stream french = media.streams().get(2);
    assertThat(french.language()).isEqualTo("fre");
    assertThat(french.title()).isEqualTo("Commentary");
    assertThat(french.isDefault()).isFalse();
    assertThat(media.streams().get(1).isDefault()).isTrue();
    assertThat(media.streams().get(4).mimetype()).isEqualTo("application/x-truetype-font");
    assertThat(media.streams().get(4).filename()).isEqualTo("font.ttf");
    assertThat(media.streams().get(0).pixFmt()).isEqualTo("yuv420p");
    // Matroska keeps each stream's duration in a tag, and no frame count.
    assertThat(media.streams().get(1).durationSeconds()).isBetween(2.9, 3.1);
    assertThat(media.streams().get(0).frames()).isNull();
    assertThat(media.chapters())
        .extracting(MediaProbe.Media.Chapter::title)
        .containsExactly("One", "Two");
  }

  @Test
  void shouldCountTheFramesOnlyWhenAskedAndWhereTheContainerGivesNone() throws Exception {
    Path rich = Clips.rich(dir);

    assertThat(probe.probeCountingFrames(rich).firstFilm().orElseThrow().frames()).isEqualTo(90);
  }

  @Test
  void shouldTellCoverArtFromFilm() throws Exception {
    MediaProbe.Media media = probe.probe(Clips.coverArt(dir));

    assertThat(media.streams()).filteredOn(MediaProbe.Media.Stream::isFilm).hasSize(1);
    assertThat(media.streams()).filteredOn(MediaProbe.Media.Stream::attachedPic).hasSize(1);
    assertThat(media.firstFilm().orElseThrow().frames()).isEqualTo(90);
  }
}
