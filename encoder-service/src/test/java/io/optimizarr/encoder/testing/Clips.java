package io.optimizarr.encoder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Test clips made by ffmpeg itself: a moving test pattern with a tone. */
public final class Clips {

  private Clips() {}

  /**
   * Makes {@code folder} and empties it of all but the clips made earlier ({@code clip-<N>s.mkv}),
   * which are kept for the next run: outputs and partial files of earlier runs go.
   */
  public static void keepOnlyClips(Path folder) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> old = Files.list(folder)) {
      old.filter(p -> !p.getFileName().toString().matches("clip-\\d+s\\.mkv"))
          .forEach(p -> p.toFile().delete());
    }
  }

  /** A clip of {@code seconds} at 640x360, 30 fps, H.264 and AAC in Matroska; made once. */
  public static Path clip(Path folder, String name, int seconds)
      throws IOException, InterruptedException {
    Path file = folder.resolve(name);
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(folder);
    Path partial = folder.resolve(name + ".making");
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=640x360:rate=30:duration=" + seconds,
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=" + seconds,
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-f",
                "matroska",
                partial.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(ffmpeg.getInputStream().readAllBytes());
    if (!ffmpeg.waitFor(120, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
      throw new IllegalStateException("ffmpeg could not make a test clip: " + output);
    }
    Files.move(partial, file);
    return file;
  }

  /**
   * A text file {@code name} in {@code folder}: an HLS playlist whose one segment is {@code
   * target}.
   */
  public static Path hlsPlaylist(Path folder, String name, Path target) throws IOException {
    return Files.writeString(
        folder.resolve(name),
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n" + target + "\n#EXT-X-ENDLIST\n");
  }
}
