package io.optimizarr.encoder.ffmpeg;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What a plan does with one input stream, and why, in words for the job page. {@code outputCodec}
 * is the codec the output's stream will have, as ffprobe names it (the check compares it); {@code
 * byProfileRule} marks a drop the profile's language rules asked for, which never refuses a plan.
 * {@code encoder} and {@code options} are ffmpeg's, for this output stream.
 */
public record StreamDecision(
    int index,
    StreamKind kind,
    String codec,
    String language,
    String title,
    Action action,
    String outputCodec,
    boolean byProfileRule,
    String reason,
    @JsonIgnore String encoder,
    @JsonIgnore List<String> options) {

  /**
   * What becomes of the input stream {@code s}, which keeps its codec, language and title in the
   * plan; not a drop the language rules asked for.
   */
  static StreamDecision of(
      MediaProbe.Media.Stream s,
      StreamKind kind,
      Action action,
      String outputCodec,
      String reason,
      String encoder,
      List<String> options) {
    return new StreamDecision(
        s.index(),
        kind,
        s.codecName(),
        s.language(),
        s.title(),
        action,
        outputCodec,
        false,
        reason,
        encoder,
        options);
  }

  /** Copied as it is, converted to another codec, or left out of the output. */
  public enum Action {
    KEPT,
    CONVERTED,
    DROPPED
  }

  public boolean dropped() {
    return action == Action.DROPPED;
  }

  /** A drop the profile did not ask for: one that refuses the plan unless drops are allowed. */
  @JsonIgnore
  public boolean unwantedDrop() {
    return dropped() && !byProfileRule;
  }

  /** {@code #3 subtitles hdmv_pgs_subtitle (eng)}: how sentences name the stream. */
  public String name() {
    return "#"
        + index
        + " "
        + kind.word()
        + " "
        + codec
        + (language == null ? "" : " (" + language + ")")
        + (title == null ? "" : " '" + title + "'");
  }
}
