package io.optimizarr.encoder.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one encode does, already validated: the codecs and their settings. Makes ffmpeg's argument
 * list around a {@link StreamPlan}'s mapping; ffmpeg is always started with a list, never through a
 * shell.
 */
public record EncodeSettings(
    VideoCodec video,
    Integer quality,
    String preset,
    AudioCodec audio,
    Integer audioBitrateKbps,
    Container container,
    String device) {

  /** Settings on no hardware device (the CPU, NVENC, or the default render node). */
  public EncodeSettings(
      VideoCodec video,
      Integer quality,
      String preset,
      AudioCodec audio,
      Integer audioBitrateKbps,
      Container container) {
    this(video, quality, preset, audio, audioBitrateKbps, container, null);
  }

  /** The render node a VAAPI or Quick Sync encoder uses. */
  public String deviceOrDefault() {
    return device == null ? VideoCodec.DEFAULT_DEVICE : device;
  }

  /**
   * The arguments after the ffmpeg binary: read {@code input}, map its streams as the {@code plan}
   * says (the plan names each output stream's encoder), encode with this profile's quality, preset
   * and audio bitrate, write {@code output} in the container's format (the output is a temporary
   * name, so the format is given, not guessed), report progress on standard output. The input is
   * read only as a real container from a local file ({@link InputRestrictions}).
   */
  public List<String> arguments(Path input, Path output, StreamPlan plan) {
    var args = new ArrayList<String>();
    args.addAll(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning", "-y"));
    args.addAll(video.deviceArguments(deviceOrDefault()));
    args.addAll(InputRestrictions.options());
    args.addAll(List.of("-i", input.toString()));
    // The output is a temporary file in the run's private work folder, beside the pictures.
    args.addAll(plan.arguments(output.getParent()));
    if (video.encodes()) {
      if (quality != null) {
        args.addAll(List.of(video.qualityOption() + ":v", quality.toString()));
      }
      if (preset != null) {
        args.addAll(List.of("-preset:v", preset));
      }
    }
    if (audio.encodes() && audioBitrateKbps != null) {
      args.addAll(List.of("-b:a", audioBitrateKbps + "k"));
    }
    args.addAll(List.of("-progress", "pipe:1", "-f", container.muxer(), output.toString()));
    return args;
  }

  /** The container every chunk of a segmented encode is written in, whatever the output's. */
  public static final String CHUNK_MUXER = "matroska";

  /**
   * The arguments that encode one chunk of a segmented encode: from the chunk's keyframe of the
   * {@code film} (its index in the input), exactly its frames, with this profile's encoder, quality
   * and preset and the film's encoder options (pixel format, colour, HDR10), the video alone, into
   * {@code output} (Matroska).
   */
  public List<String> chunkArguments(
      Path input, SegmentPlan.Segment segment, StreamDecision film, Path output) {
    var args = new ArrayList<String>();
    args.addAll(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning", "-y"));
    args.addAll(video.deviceArguments(deviceOrDefault()));
    args.addAll(InputRestrictions.options());
    args.addAll(segment.seekArguments());
    args.addAll(
        List.of("-i", input.toString(), "-map", "0:" + film.index(), "-c:0", film.encoder()));
    List<String> options = StreamPlan.encoderOptions(film);
    for (int o = 0; o + 1 < options.size(); o += 2) {
      args.addAll(List.of(options.get(o) + ":0", options.get(o + 1)));
    }
    if (quality != null) {
      args.addAll(List.of(video.qualityOption() + ":v", quality.toString()));
    }
    if (preset != null) {
      args.addAll(List.of("-preset:v", preset));
    }
    args.addAll(segment.lengthArguments());
    args.addAll(List.of("-map_metadata", "-1", "-map_chapters", "-1"));
    args.addAll(List.of("-progress", "pipe:1", "-f", CHUNK_MUXER, output.toString()));
    return args;
  }

  /**
   * The arguments that join a segmented encode: every stream but the film from {@code input} as the
   * plan says (audio and subtitles processed once, here), the film copied from the chunks that
   * {@code chunkList} names (the concat demuxer; relative names, in the list's folder), shifted by
   * {@code filmOffsetSeconds} (where the film starts after the input's first stream) so that it
   * stays in sync as in a one-pass encode; written to {@code output} in the profile's container.
   */
  public List<String> joinArguments(
      Path input,
      Path chunkList,
      double filmOffsetSeconds,
      StreamDecision film,
      Path output,
      StreamPlan plan) {
    var args = new ArrayList<String>();
    args.addAll(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning", "-y"));
    args.addAll(InputRestrictions.options());
    args.addAll(List.of("-i", input.toString()));
    args.addAll(
        List.of(
            "-protocol_whitelist",
            "file",
            "-format_whitelist",
            "concat," + CHUNK_MUXER,
            "-f",
            "concat",
            "-safe",
            "1",
            "-itsoffset",
            String.format(Locale.ROOT, "%.6f", filmOffsetSeconds),
            "-i",
            chunkList.toString()));
    args.addAll(plan.joinArguments(output.getParent(), film));
    if (audio.encodes() && audioBitrateKbps != null) {
      args.addAll(List.of("-b:a", audioBitrateKbps + "k"));
    }
    args.addAll(List.of("-progress", "pipe:1", "-f", container.muxer(), output.toString()));
    return args;
  }
}
