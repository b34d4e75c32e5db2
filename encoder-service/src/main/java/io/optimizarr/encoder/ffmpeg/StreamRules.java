package io.optimizarr.encoder.ffmpeg;

import java.util.List;

/**
 * A profile's rules for the tracks of an input: the audio and subtitle languages to keep (ISO 639-2
 * codes; empty keeps all), and whether a plan that has to drop streams the profile did not ask to
 * drop may go ahead.
 */
public record StreamRules(
    List<String> audioLanguages, List<String> subtitleLanguages, boolean allowStreamDrops) {

  /** Every track kept, and no drop allowed. */
  public static final StreamRules KEEP_ALL = new StreamRules(List.of(), List.of(), false);

  public StreamRules {
    audioLanguages = audioLanguages == null ? List.of() : List.copyOf(audioLanguages);
    subtitleLanguages = subtitleLanguages == null ? List.of() : List.copyOf(subtitleLanguages);
  }
}
