package io.optimizarr.encoder.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test clips made by ffmpeg itself: a moving test pattern with a tone, and short clips with many
 * kinds of streams (tracks in languages, subtitles of text and of images, attachments, chapters,
 * cover art, 10-bit video).
 */
public final class Clips {

  private Clips() {}

  /**
   * Makes {@code folder} and empties it of all but the clips made earlier ({@code clip-<N>s.mkv},
   * {@code clip-<what>-<N>s.mkv} or {@code .mp4}), which are kept for the next run: outputs and
   * partial files of earlier runs go.
   */
  public static void keepOnlyClips(Path folder) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> old = Files.list(folder)) {
      old.filter(p -> !isClip(p.getFileName().toString())).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * The names of the clips made here: {@code clip-<N>s.mkv}, {@code clip-<what>-<N>s.mkv} and
   * {@code clip-cover-<N>s.mp4}. Tests name the outputs of the many-stream clips otherwise ({@code
   * out-…}), and the plain clips' outputs (their name with another extension) do not match.
   */
  private static boolean isClip(String name) {
    return name.matches("clip-\\d+s\\.mkv|clip-[a-z0-9]+-\\d+s\\.mkv|clip-cover-\\d+s\\.mp4");
  }

  /** A clip of {@code seconds} at 640x360, 30 fps, H.264 and AAC in Matroska; made once. */
  public static Path clip(Path folder, String name, int seconds)
      throws IOException, InterruptedException {
    return make(
        folder,
        name,
        List.of(
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
            "matroska"));
  }

  /**
   * {@code clip-rich-3s.mkv}: 3 s of 320x180 H.264 with two AAC tracks (English, the default, and
   * French titled "Commentary"), English SubRip subtitles, a font attachment, two chapters and a
   * title; made once.
   */
  public static Path rich(Path folder) throws IOException, InterruptedException {
    Files.createDirectories(folder);
    Path srt =
        Files.writeString(
            folder.resolve(".rich.srt"),
            "1\n00:00:00,500 --> 00:00:01,500\nHello\n\n2\n00:00:02,000 --> 00:00:02,800\nWorld\n");
    Path chapters =
        Files.writeString(
            folder.resolve(".rich.chapters"),
            ";FFMETADATA1\ntitle=A rich film\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\n"
                + "title=One\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=3000\ntitle=Two\n");
    // Not a real font: ffmpeg carries attachments as bytes, and the check compares counts.
    Path font = Files.write(folder.resolve(".rich-font.ttf"), new byte[] {0, 1, 0, 0, 0, 4});
    return make(
        folder,
        "clip-rich-3s.mkv",
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=30:duration=3",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=3",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=660:duration=3",
            "-i",
            srt.toString(),
            "-i",
            chapters.toString(),
            "-attach",
            font.toString(),
            "-map",
            "0",
            "-map",
            "1",
            "-map",
            "2",
            "-map",
            "3",
            "-map_metadata",
            "4",
            "-map_chapters",
            "4",
            "-metadata:s:t",
            "mimetype=application/x-truetype-font",
            "-metadata:s:t",
            "filename=font.ttf",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-c:s",
            "srt",
            "-metadata:s:a:0",
            "language=eng",
            "-metadata:s:a:1",
            "language=fre",
            "-metadata:s:a:1",
            "title=Commentary",
            "-metadata:s:s:0",
            "language=eng",
            "-disposition:v:0",
            "default",
            "-disposition:a:0",
            "default",
            "-disposition:a:1",
            "0",
            "-f",
            "matroska"));
  }

  /**
   * {@code clip-pgs-3s.mkv}: 3 s of 320x180 H.264 with English AAC and English image subtitles
   * (PGS, two display sets written here byte by byte: ffmpeg makes no image subtitles from text);
   * made once.
   */
  public static Path imageSubtitles(Path folder) throws IOException, InterruptedException {
    Files.createDirectories(folder);
    var sup = new ByteArrayOutputStream();
    for (int set = 0; set < 2; set++) {
      long pts = 45_000L + set * 90_000L;
      // Presentation composition: 320x180, 25 fps code, epoch start, no objects; then the end.
      byte[] composition = {
        0x01, 0x40, 0x00, (byte) 0xB4, 0x10, 0, (byte) set, (byte) 0x80, 0, 0, 0
      };
      supSegment(sup, pts, 0x16, composition);
      supSegment(sup, pts, 0x80, new byte[0]);
    }
    Path pgs = Files.write(folder.resolve(".pgs.sup"), sup.toByteArray());
    return make(
        folder,
        "clip-pgs-3s.mkv",
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=30:duration=3",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=3",
            "-i",
            pgs.toString(),
            "-map",
            "0",
            "-map",
            "1",
            "-map",
            "2",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-c:s",
            "copy",
            "-metadata:s:a:0",
            "language=eng",
            "-metadata:s:s:0",
            "language=eng",
            "-f",
            "matroska"));
  }

  private static void supSegment(ByteArrayOutputStream out, long pts, int type, byte[] payload) {
    out.write('P');
    out.write('G');
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (pts >> shift) & 0xFF);
    }
    out.writeBytes(new byte[4]);
    out.write(type);
    out.write(payload.length >> 8);
    out.write(payload.length & 0xFF);
    out.writeBytes(payload);
  }

  /**
   * {@code clip-cover-3s.mp4}: 3 s of 320x180 H.264 and AAC in MP4 with a JPEG cover picture; made
   * once.
   */
  public static Path coverArt(Path folder) throws IOException, InterruptedException {
    Path cover = folder.resolve(".cover.jpg");
    if (!Files.exists(cover)) {
      Files.createDirectories(folder);
      run(
          List.of(
              "ffmpeg",
              "-nostdin",
              "-loglevel",
              "error",
              "-y",
              "-f",
              "lavfi",
              "-i",
              "color=red:size=64x64",
              "-frames:v",
              "1",
              "-f",
              "image2",
              cover.toString()));
    }
    return make(
        folder,
        "clip-cover-3s.mp4",
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=30:duration=3",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=3",
            "-i",
            cover.toString(),
            "-map",
            "0",
            "-map",
            "1",
            "-map",
            "2",
            "-c:v:0",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-c:v:1",
            "copy",
            "-disposition:v:1",
            "attached_pic",
            "-f",
            "mp4"));
  }

  /**
   * {@code clip-tenbit-3s.mkv}: 3 s of 320x180 10-bit H.264 (yuv420p10le) tagged BT.2020 with the
   * PQ transfer, and AAC; made once.
   */
  public static Path tenBit(Path folder) throws IOException, InterruptedException {
    return make(
        folder,
        "clip-tenbit-3s.mkv",
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=30:duration=3",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=3",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p10le",
            "-color_primaries",
            "bt2020",
            "-color_trc",
            "smpte2084",
            "-colorspace",
            "bt2020nc",
            "-c:a",
            "aac",
            "-f",
            "matroska"));
  }

  /** The HDR10 mastering display and light levels of {@link #hdr10}, in x265's notation. */
  public static final String MASTER_DISPLAY =
      "G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)";

  public static final String MAX_CLL = "1000,400";

  /**
   * {@code clip-hdr-2s.mkv}: 2 s of 320x180 10-bit HEVC in PQ with HDR10 metadata ({@link
   * #MASTER_DISPLAY}, {@link #MAX_CLL}) and AAC; made once.
   */
  public static Path hdr10(Path folder) throws IOException, InterruptedException {
    return make(
        folder,
        "clip-hdr-2s.mkv",
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=30:duration=2",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-c:v",
            "libx265",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p10le",
            "-x265-params",
            "log-level=error:hdr10=1:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc"
                + ":master-display="
                + MASTER_DISPLAY
                + ":max-cll="
                + MAX_CLL,
            "-color_primaries",
            "bt2020",
            "-color_trc",
            "smpte2084",
            "-colorspace",
            "bt2020nc",
            "-c:a",
            "aac",
            "-f",
            "matroska"));
  }

  /**
   * {@code seconds} of 25 fps video with B-frames (stored out of presentation order) and a keyframe
   * every second, plus one forced at 2.5 s (an irregular GOP), as MPEG-4 Part 14: the input a
   * segment plan is cut from.
   */
  public static Path reordered(Path folder, int seconds) throws IOException, InterruptedException {
    return make(
        folder,
        "reordered-" + seconds + "s.mp4",
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25:duration=" + seconds,
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-bf",
            "2",
            "-g",
            "25",
            "-keyint_min",
            "25",
            "-sc_threshold",
            "0",
            "-force_key_frames",
            "2.5",
            "-f",
            "mp4"));
  }

  /**
   * {@code seconds} of a film to cut into chunks: 320x180 H.264 at 25 fps with B-frames (stored out
   * of presentation order) and a keyframe every 2 s, one more forced at 5 s, with AAC audio, in
   * MPEG-4 Part 14.
   */
  public static Path keyframed(Path folder, int seconds) throws IOException, InterruptedException {
    return film(folder, "keyframed-" + seconds + "s.mp4", "25", 50, seconds, "mp4");
  }

  /**
   * {@code seconds} of a film at cinema's 24000/1001 fps (frames 41.708… ms long, which Matroska's
   * milliseconds round): as {@link #keyframed}, a keyframe every 48 frames, in Matroska (which
   * starts the video after the audio's priming).
   */
  public static Path film(Path folder, int seconds) throws IOException, InterruptedException {
    return film(folder, "film-" + seconds + "s.mkv", "24000/1001", 48, seconds, "matroska");
  }

  private static Path film(
      Path folder, String name, String rate, int keyframeEvery, int seconds, String format)
      throws IOException, InterruptedException {
    return make(
        folder,
        name,
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=" + rate + ":duration=" + seconds,
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=" + seconds,
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-bf",
            "2",
            "-g",
            Integer.toString(keyframeEvery),
            "-keyint_min",
            Integer.toString(keyframeEvery),
            "-sc_threshold",
            "0",
            "-force_key_frames",
            "5",
            "-c:a",
            "aac",
            "-f",
            format));
  }

  /** {@code folder/name} made by ffmpeg with {@code arguments} (its inputs, codecs, format). */
  private static Path make(Path folder, String name, List<String> arguments)
      throws IOException, InterruptedException {
    Path file = folder.resolve(name);
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(folder);
    Path partial = folder.resolve(name + ".making");
    var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
    command.addAll(arguments);
    command.add(partial.toString());
    run(command);
    Files.move(partial, file);
    return file;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(ffmpeg.getInputStream().readAllBytes());
    if (!ffmpeg.waitFor(120, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
      throw new IllegalStateException("ffmpeg could not make a test clip: " + output);
    }
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
