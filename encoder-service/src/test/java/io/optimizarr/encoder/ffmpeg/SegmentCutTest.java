package io.optimizarr.encoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment plan cut from a real file's packets, each chunk encoded by real ffmpeg from its seek
 * and length options (losslessly, so that pictures can be compared), the chunks joined: the joined
 * video has every frame of the input once, in order, picture for picture.
 */
class SegmentCutTest {

  @TempDir Path dir;

  private final MediaProbe probe = new MediaProbe("ffprobe", Duration.ofSeconds(10));

  @Test
  void shouldJoinChunksCutAtKeyframesIntoEveryFrameOfTheInputOnce() throws Exception {
    // 25 fps, B-frames, a keyframe each second and one forced at 2.5 s (the next frame, 2.52 s).
    Path input = Clips.reordered(dir, 6);
    List<SegmentPlan.Packet> packets = probe.videoPackets(input);

    SegmentPlan plan = SegmentPlan.of(packets, 2.0).orElseThrow();

    assertThat(packets).hasSize(150);
    assertThat(plan.segments())
        .extracting(SegmentPlan.Segment::startSeconds)
        .containsExactly(0.0, 2.0, 4.52);
    assertThat(plan.frames()).isEqualTo(150);
    var list = new StringBuilder();
    for (SegmentPlan.Segment segment : plan.segments()) {
      Path chunk = dir.resolve("chunk-" + segment.index() + ".mkv");
      var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
      command.addAll(segment.seekArguments());
      command.addAll(List.of("-i", input.toString(), "-map", "0:V:0"));
      command.addAll(segment.lengthArguments());
      command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-qp", "0"));
      command.add(chunk.toString());
      run(command);
      assertThat(probe.probeCountingFrames(chunk).firstFilm().orElseThrow().frames())
          .isEqualTo(segment.frames());
      list.append("file '").append(chunk).append("'\n");
    }
    Path joined = dir.resolve("joined.mkv");
    Path concat = Files.writeString(dir.resolve("chunks.txt"), list);
    run(
        List.of(
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            concat.toString(),
            "-c",
            "copy",
            joined.toString()));

    assertThat(MediaFiles.pictures(joined)).hasSize(150).isEqualTo(MediaFiles.pictures(input));
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
