package io.optimizarr.encoder.ffmpeg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a segmented encode cuts its input's video (issue 19): consecutive chunks of about a target
 * length, each starting at one of the input's keyframes, with the number of frames each holds in
 * presentation order, so that a chunk can be encoded from its keyframe for exactly that many frames
 * and the chunks joined give every frame once. Decided from the video's packets alone (their
 * presentation times and keyframe flags, in whatever order the file stores them), without decoding.
 * Pure: no I/O.
 */
public record SegmentPlan(List<Segment> segments) {

  /**
   * One chunk.
   *
   * @param index its place, from 0
   * @param startSeconds the presentation time of its first frame, a keyframe of the input (of the
   *     input's first frame for the first chunk)
   * @param firstFrame the number of frames before it, in presentation order
   * @param frames how many frames it holds
   */
  public record Segment(int index, double startSeconds, long firstFrame, long frames) {

    /**
     * ffmpeg's options before its {@code -i} that make it start at this chunk's keyframe: none for
     * the first chunk, which starts at the film's first frame; for the others an accurate seek to
     * {@link #SEEK_BEFORE} before it. ffmpeg seeks to a keyframe well before the time asked (for
     * containers that seek by decoding time, such as Matroska, about 0.13 s before it, so a seek to
     * just past the keyframe lands one keyframe early), decodes from there and drops every frame
     * before the time asked: the chunk starts with its keyframe, whatever the container. A time
     * printed to the microsecond may lie a little after the keyframe's; the step before it keeps
     * the keyframe itself from being dropped.
     */
    public List<String> seekArguments() {
      return index == 0
          ? List.of()
          : List.of("-ss", String.format(Locale.ROOT, "%.6f", startSeconds - SEEK_BEFORE));
    }

    /** ffmpeg's output options that end the chunk after its frames. */
    public List<String> lengthArguments() {
      return List.of("-frames:v", Long.toString(frames));
    }
  }

  /**
   * How far before a chunk's keyframe its seek aims: less than half of any frame's duration (1,000
   * fps), so the frame before the keyframe is dropped.
   */
  static final double SEEK_BEFORE = 0.0005;

  /** One video packet as the container gives it: its presentation time and whether it is a key. */
  public record Packet(double ptsSeconds, boolean keyframe) {}

  /** A last chunk shorter than this share of the target joins the one before it. */
  static final double SHORTEST_LAST = 0.25;

  public SegmentPlan {
    segments = List.copyOf(segments);
  }

  /**
   * Each chunk's length in the input's times: from its first frame to the next chunk's; the last
   * one's, which nothing follows, is NaN.
   */
  public List<Double> lengths() {
    var lengths = new ArrayList<Double>();
    for (int i = 0; i < segments.size(); i++) {
      lengths.add(
          i + 1 < segments.size()
              ? segments.get(i + 1).startSeconds() - segments.get(i).startSeconds()
              : Double.NaN);
    }
    return lengths;
  }

  public long frames() {
    return segments.stream().mapToLong(Segment::frames).sum();
  }

  /**
   * The chunks of {@code packets} of about {@code targetSeconds} each: a new chunk starts at the
   * first keyframe at least {@code targetSeconds} after the previous chunk's start. Empty when the
   * video cannot be cut so (no packets, a packet without a presentation time, or two with the same
   * one): such an input is encoded in one pass.
   */
  public static Optional<SegmentPlan> of(List<Packet> packets, double targetSeconds) {
    if (!(targetSeconds > 0)) {
      throw new IllegalArgumentException("a segment's target length must be positive");
    }
    if (packets.isEmpty() || packets.stream().anyMatch(p -> !Double.isFinite(p.ptsSeconds()))) {
      return Optional.empty();
    }
    double[] times = packets.stream().mapToDouble(Packet::ptsSeconds).sorted().toArray();
    for (int i = 1; i < times.length; i++) {
      if (times[i] == times[i - 1]) {
        return Optional.empty();
      }
    }
    double[] keys =
        packets.stream()
            .filter(Packet::keyframe)
            .mapToDouble(Packet::ptsSeconds)
            .sorted()
            .toArray();
    var starts = new ArrayList<Double>();
    starts.add(times[0]);
    for (double key : keys) {
      if (key >= starts.get(starts.size() - 1) + targetSeconds) {
        starts.add(key);
      }
    }
    double end = times[times.length - 1];
    if (starts.size() > 1 && end - starts.get(starts.size() - 1) < SHORTEST_LAST * targetSeconds) {
      starts.remove(starts.size() - 1);
    }
    var segments = new ArrayList<Segment>();
    long first = 0;
    for (int i = 0; i < starts.size(); i++) {
      long upTo =
          i + 1 < starts.size() ? framesBefore(times, starts.get(i + 1)) : (long) times.length;
      segments.add(new Segment(i, starts.get(i), first, upTo - first));
      first = upTo;
    }
    return Optional.of(new SegmentPlan(segments));
  }

  /** How many of the sorted {@code times} are before {@code time}. */
  private static long framesBefore(double[] times, double time) {
    int at = Arrays.binarySearch(times, time);
    return at >= 0 ? at : -at - 1;
  }
}
