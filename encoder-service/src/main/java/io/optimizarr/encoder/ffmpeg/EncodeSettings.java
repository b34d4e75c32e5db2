package io.optimizarr.encoder.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    Container container) {

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
}
