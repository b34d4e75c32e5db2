package io.optimizarr.encoder.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.process.ServiceProcesses;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** Asks ffprobe what a file holds. Thread-safe; blocks while ffprobe runs. */
public final class MediaProbe {

  /**
   * What ffprobe found: the container's duration where it knows one, every stream, the chapters,
   * and the HDR10 metadata of the first film (null when it has none, is not PQ, or was not read:
   * only {@link #probeForPlan} reads it).
   */
  public record Media(
      Double durationSeconds, List<Stream> streams, List<Chapter> chapters, Hdr10 hdr10) {

    /**
     * One stream, by its index in the file. {@code codecType} is ffprobe's ({@code video}, {@code
     * audio}, {@code subtitle}, {@code attachment}, {@code data}); tags and figures the container
     * does not give are null. {@code frames} is the container's frame count, or the packets counted
     * where it has none and counting was asked for; {@code durationSeconds} the stream's own
     * duration (Matroska keeps it in a {@code DURATION} tag).
     */
    public record Stream(
        int index,
        String codecType,
        String codecName,
        String language,
        String title,
        boolean isDefault,
        boolean forced,
        boolean attachedPic,
        String pixFmt,
        Integer bitsPerRawSample,
        String colorPrimaries,
        String colorTransfer,
        String colorSpace,
        Long frames,
        Double durationSeconds,
        String mimetype,
        String filename) {

      /** Video that is a film, not a picture (cover art) stored as a video stream. */
      public boolean isFilm() {
        return "video".equals(codecType) && !attachedPic;
      }

      Stream withFrames(Long counted) {
        return new Stream(
            index,
            codecType,
            codecName,
            language,
            title,
            isDefault,
            forced,
            attachedPic,
            pixFmt,
            bitsPerRawSample,
            colorPrimaries,
            colorTransfer,
            colorSpace,
            counted,
            durationSeconds,
            mimetype,
            filename);
      }
    }

    /** A chapter: where it starts and ends, in seconds, and its title. */
    public record Chapter(double startSeconds, double endSeconds, String title) {}

    public boolean hasVideo() {
      return streams.stream().anyMatch(Stream::isFilm);
    }

    public Optional<String> videoCodec() {
      return streams.stream().filter(Stream::isFilm).map(Stream::codecName).findFirst();
    }

    /** The first film video stream, which frame counts are compared on. */
    public Optional<Stream> firstFilm() {
      return streams.stream().filter(Stream::isFilm).findFirst();
    }
  }

  /** ffprobe could not read the file; the message has ffprobe's own words. */
  public static final class Unreadable extends Exception {
    public Unreadable(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String ffprobe;
  private static final long POLL_MILLIS = 100;
  private final Duration timeout;
  private final BooleanSupplier stopped;

  /**
   * @param timeout how long ffprobe may take on one file before it is killed: an input that never
   *     ends (a FIFO put in a file's place) must not hold an encode slot or a scan
   */
  public MediaProbe(String ffprobe, Duration timeout) {
    this(ffprobe, timeout, () -> false);
  }

  private MediaProbe(String ffprobe, Duration timeout, BooleanSupplier stopped) {
    this.ffprobe = ffprobe;
    this.timeout = timeout;
    this.stopped = stopped;
  }

  /** The same binary with another time limit: counting frames reads the whole file. */
  public MediaProbe withTimeout(Duration limit) {
    return new MediaProbe(ffprobe, limit, stopped);
  }

  /**
   * The same probe, which stops ffprobe (the file then counts as unreadable) as soon as {@code
   * stopped} says so: a job cancelled while its input is probed does not wait for the probe.
   */
  public MediaProbe stoppedWhen(BooleanSupplier stop) {
    return new MediaProbe(ffprobe, timeout, stop);
  }

  /** Every stream, its tags and figures, and the chapters, from the file's headers. */
  public Media probe(Path file) throws Unreadable {
    return parse(
        run(
            file,
            List.of(
                "-show_entries",
                "format=duration:stream=" + STREAM_FIELDS + STREAM_SECTIONS,
                "-show_chapters",
                file.toString())));
  }

  /**
   * As {@link #probe(Path)}, and for a film in PQ its HDR10 metadata, which only the first decoded
   * frames carry: what a stream plan is decided from.
   */
  public Media probeForPlan(Path file) throws Unreadable {
    Media media = probe(file);
    boolean pq = media.firstFilm().map(s -> "smpte2084".equals(s.colorTransfer())).orElse(false);
    if (!pq) {
      return media;
    }
    JsonNode frames =
        readJson(
            run(
                file,
                List.of(
                    "-select_streams",
                    "V:0",
                    "-read_intervals",
                    "%+#5",
                    "-show_frames",
                    file.toString())));
    for (JsonNode frame : frames.path("frames")) {
      Optional<Hdr10> hdr10 = Hdr10.fromFrame(frame);
      if (hdr10.isPresent()) {
        return new Media(media.durationSeconds(), media.streams(), media.chapters(), hdr10.get());
      }
    }
    return media;
  }

  /**
   * As {@link #probe(Path)}, and the film video's frames counted where the container gives no count
   * (Matroska): that reads the whole file, so only the output checks ask for it. A Matroska or WebM
   * file, which never records a count, is read and counted in one ffprobe run; another is probed
   * first and read in full only where its container left the count out.
   */
  public Media probeCountingFrames(Path file) throws Unreadable {
    if (!WITHOUT_FRAME_COUNTS.matcher(file.getFileName().toString()).find()) {
      Media media = probe(file);
      if (media.streams().stream().noneMatch(s -> s.isFilm() && s.frames() == null)) {
        return media;
      }
    }
    String json =
        run(
            file,
            List.of(
                "-count_packets",
                "-show_entries",
                "format=duration:stream=" + STREAM_FIELDS + ",nb_read_packets" + STREAM_SECTIONS,
                "-show_chapters",
                file.toString()));
    Media media = parse(json);
    var packets = new HashMap<Integer, Long>();
    for (JsonNode s : readJson(json).path("streams")) {
      Long n = parseLong(s.path("nb_read_packets").asText(null));
      if (n != null) {
        packets.put(s.path("index").asInt(), n);
      }
    }
    var streams = new ArrayList<Media.Stream>();
    for (Media.Stream s : media.streams()) {
      streams.add(
          s.isFilm() && s.frames() == null && packets.containsKey(s.index())
              ? s.withFrames(packets.get(s.index()))
              : s);
    }
    return new Media(media.durationSeconds(), streams, media.chapters(), media.hdr10());
  }

  /**
   * The film video's packets — presentation time and keyframe flag — in the order the file stores
   * them, read without decoding: what a {@link SegmentPlan} is cut from. A packet without a
   * presentation time reads as {@code NaN}.
   */
  public List<SegmentPlan.Packet> videoPackets(Path file) throws Unreadable {
    JsonNode answer =
        readJson(
            run(
                file,
                List.of(
                    "-select_streams",
                    "V:0",
                    "-show_entries",
                    "packet=pts_time,flags",
                    file.toString())));
    var packets = new ArrayList<SegmentPlan.Packet>();
    for (JsonNode packet : answer.path("packets")) {
      String pts = packet.path("pts_time").asText("");
      packets.add(
          new SegmentPlan.Packet(
              pts.isEmpty() || pts.equals("N/A") ? Double.NaN : Double.parseDouble(pts),
              packet.path("flags").asText("").startsWith("K")));
    }
    return packets;
  }

  /**
   * When the file's first stream starts, in seconds (ffprobe's {@code format.start_time}); 0 when
   * the container does not say. A one-pass encode shifts every stream by it.
   */
  public double startSeconds(Path file) throws Unreadable {
    String start =
        readJson(run(file, List.of("-show_entries", "format=start_time", file.toString())))
            .path("format")
            .path("start_time")
            .asText("");
    try {
      return start.isEmpty() || start.equals("N/A") ? 0 : Double.parseDouble(start);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Names of the containers that never record a stream's frame count (and parts of them). */
  private static final Pattern WITHOUT_FRAME_COUNTS =
      Pattern.compile("\\.(mkv|mka|webm)(\\.part)?$", Pattern.CASE_INSENSITIVE);

  private static final String STREAM_FIELDS =
      "index,codec_type,codec_name,pix_fmt,bits_per_raw_sample,color_primaries,color_transfer,"
          + "color_space,nb_frames,duration";

  private static final String STREAM_SECTIONS =
      ":stream_tags:stream_disposition=default,forced,attached_pic";

  /** ffprobe's JSON answer for {@code entries} of {@code file}, killed after the timeout. */
  private String run(Path file, List<String> entries) throws Unreadable {
    var command = new ArrayList<String>(List.of(ffprobe, "-v", "error"));
    command.addAll(InputRestrictions.options());
    command.addAll(List.of("-print_format", "json"));
    command.addAll(entries);
    Process process;
    try {
      process =
          ServiceProcesses.started(
              new ProcessBuilder(command)
                  .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                  .start());
    } catch (IOException e) {
      throw new Unreadable("ffprobe could not run (" + ffprobe + "): " + e.getMessage());
    }
    // Both outputs are read at once, so neither can fill its pipe and stall ffprobe.
    CompletableFuture<byte[]> out = readAll(process.getInputStream(), "optimizarr-ffprobe-out");
    CompletableFuture<byte[]> err = readAll(process.getErrorStream(), "optimizarr-ffprobe-err");
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (stopped.getAsBoolean()) {
          throw new Unreadable("ffprobe stopped on " + file + ": the run was asked to end");
        }
        if (System.nanoTime() > deadline) {
          throw new Unreadable(
              "ffprobe took more than " + timeout.toSeconds() + " s on " + file + "; stopped");
        }
      }
      String errors = new String(err.get(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new Unreadable("ffprobe cannot read " + file + ": " + errors.strip());
      }
      return new String(out.get(), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreadable("interrupted while probing " + file);
    } catch (ExecutionException e) {
      throw new Unreadable("ffprobe's output could not be read: " + e.getCause().getMessage());
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private static CompletableFuture<byte[]> readAll(InputStream stream, String name) {
    var result = new CompletableFuture<byte[]>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                result.complete(stream.readAllBytes());
              } catch (IOException e) {
                result.completeExceptionally(e);
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    return result;
  }

  /** Parses ffprobe's JSON ({@code -print_format json}). */
  public static Media parse(String json) throws Unreadable {
    JsonNode root = readJson(json);
    var streams = new ArrayList<Media.Stream>();
    for (JsonNode s : root.path("streams")) {
      streams.add(stream(s));
    }
    var chapters = new ArrayList<Media.Chapter>();
    for (JsonNode c : root.path("chapters")) {
      Double start = parseDouble(c.path("start_time").asText(null));
      Double end = parseDouble(c.path("end_time").asText(null));
      chapters.add(
          new Media.Chapter(
              start == null ? 0 : start, end == null ? 0 : end, tag(c.path("tags"), "title")));
    }
    Double seconds = parseDouble(root.path("format").path("duration").asText(null));
    return new Media(seconds, streams, chapters, null);
  }

  private static Media.Stream stream(JsonNode s) {
    JsonNode tags = s.path("tags");
    JsonNode disposition = s.path("disposition");
    Double duration = parseDouble(s.path("duration").asText(null));
    if (duration == null) {
      duration = clockSeconds(tag(tags, "DURATION"));
    }
    Long bits = parseLong(s.path("bits_per_raw_sample").asText(null));
    return new Media.Stream(
        s.path("index").asInt(),
        s.path("codec_type").asText(null),
        s.path("codec_name").asText(null),
        tag(tags, "language"),
        tag(tags, "title"),
        disposition.path("default").asInt() == 1,
        disposition.path("forced").asInt() == 1,
        disposition.path("attached_pic").asInt() == 1,
        s.path("pix_fmt").asText(null),
        bits == null ? null : bits.intValue(),
        known(s.path("color_primaries").asText(null)),
        known(s.path("color_transfer").asText(null)),
        known(s.path("color_space").asText(null)),
        parseLong(s.path("nb_frames").asText(null)),
        duration,
        tag(tags, "mimetype"),
        tag(tags, "filename"));
  }

  private static JsonNode readJson(String json) throws Unreadable {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new Unreadable("ffprobe wrote something that is not JSON: " + e.getMessage());
    }
  }

  /** A tag by name in any case: Matroska muxers write {@code DURATION}, {@code FILENAME}. */
  private static String tag(JsonNode tags, String name) {
    var names = tags.fieldNames();
    while (names.hasNext()) {
      String field = names.next();
      if (field.equalsIgnoreCase(name)) {
        return tags.get(field).asText(null);
      }
    }
    return null;
  }

  /** ffprobe says {@code unknown} for colour properties the stream does not state. */
  private static String known(String value) {
    return value == null || value.equals("unknown") ? null : value;
  }

  /** {@code HH:MM:SS.fraction}, as Matroska's {@code DURATION} tag holds it. */
  static Double clockSeconds(String clock) {
    if (clock == null) {
      return null;
    }
    String[] parts = clock.split(":");
    if (parts.length != 3) {
      return null;
    }
    try {
      return Integer.parseInt(parts[0]) * 3600.0
          + Integer.parseInt(parts[1]) * 60.0
          + Double.parseDouble(parts[2]);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double parseDouble(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long parseLong(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
