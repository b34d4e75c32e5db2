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
}
