package io.optimizarr.encoder.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one encode does, already validated: the codecs and their settings. Makes ffmpeg's argument
 * list; ffmpeg is always started with a list, never through a shell.
 */
public record EncodeSettings(
    VideoCodec video,
    Integer quality,
    String preset,
    AudioCodec audio,
    Integer audioBitrateKbps,
    Container container) {

  /**
   * The arguments after the ffmpeg binary: read {@code input}, write {@code output} in the
   * container's format (the output is a temporary name, so the format is given, not guessed),
   * report progress on standard output. The input is read only as a real container from a local
   * file ({@link InputRestrictions}).
   */
  public List<String> arguments(Path input, Path output) {
    var args = new ArrayList<String>();
    args.addAll(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning", "-y"));
    args.addAll(InputRestrictions.options());
    args.addAll(List.of("-i", input.toString()));
    // Video streams that are pictures (cover art) would otherwise be encoded as films.
    args.addAll(List.of("-map", "0:V", "-map", "0:a?"));
    if (container == Container.MKV) {
      args.addAll(List.of("-map", "0:s?", "-c:s", "copy"));
    }
    args.addAll(List.of("-c:v", video.ffmpegName()));
    if (video.encodes()) {
      if (quality != null) {
        args.addAll(List.of(video.qualityOption(), quality.toString()));
      }
      if (preset != null) {
        args.addAll(List.of("-preset", preset));
      }
    }
    args.addAll(List.of("-c:a", audio.ffmpegName()));
    if (audio.encodes() && audioBitrateKbps != null) {
      args.addAll(List.of("-b:a", audioBitrateKbps + "k"));
    }
    args.addAll(List.of("-progress", "pipe:1", "-f", container.muxer(), output.toString()));
    return args;
  }
}
