package io.optimizarr.encoder.ffmpeg;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an encode does with every stream of its input, decided before ffmpeg starts ({@link
 * StreamPlanner}): each stream kept, converted or dropped with its reason, the chapters kept, and
 * why the plan is refused, if it is (a drop the profile does not allow, or an output without
 * audio). It makes ffmpeg's mapping arguments; the output is checked against it ({@link
 * PlanCheck}). Stored on the job as JSON.
 */
public record StreamPlan(List<StreamDecision> streams, int chapters, String refusal) {

  public StreamPlan {
    streams = List.copyOf(streams);
  }

  /** Why the encode must not start, if it must not. */
  public Optional<String> refused() {
    return Optional.ofNullable(refusal);
  }

  /** The streams the output will have, in its order. */
  @JsonIgnore
  public List<StreamDecision> output() {
    return streams.stream().filter(s -> !s.dropped()).toList();
  }

  /** One line for the timeline: how many streams are kept, converted and dropped. */
  @JsonIgnore
  public String summary() {
    long kept = count(StreamDecision.Action.KEPT);
    long converted = count(StreamDecision.Action.CONVERTED);
    long dropped = count(StreamDecision.Action.DROPPED);
    String drops =
        streams.stream()
            .filter(StreamDecision::dropped)
            .map(s -> s.name() + ": " + s.reason())
            .reduce((a, b) -> a + "; " + b)
            .map(d -> " (dropped " + d + ")")
            .orElse("");
    return "stream plan: "
        + kept
        + " kept, "
        + converted
        + " converted, "
        + dropped
        + " dropped, "
        + chapters
        + " chapters kept"
        + drops;
  }

  private long count(StreamDecision.Action action) {
    return streams.stream().filter(s -> s.action() == action).count();
  }

  /**
   * The encoder of a picture that is not mapped but attached ({@code -attach}): the picture taken
   * out of the input first, into {@link #picture}.
   */
  public static final String ATTACH = "attach";

  /** The encoder of MP4's chapter track, which is not mapped: the chapters go over as such. */
  public static final String CHAPTERS = "chapters";

  /** The pictures to take out of the input before ffmpeg starts, and attach. */
  @JsonIgnore
  public List<StreamDecision> pictures() {
    return output().stream().filter(s -> ATTACH.equals(s.encoder())).toList();
  }

  /** Where a picture to attach is kept: in the run's private work folder. */
  public static Path picture(Path workFolder, StreamDecision s) {
    return workFolder.resolve("picture-" + s.index() + ("png".equals(s.codec()) ? ".png" : ".jpg"));
  }

  /**
   * ffmpeg's arguments for the mapping: {@code -map 0:N} for each stream kept, in order, then for
   * each output stream its encoder and options, the pictures attached from {@code workFolder} (they
   * come after the mapped streams), then the global metadata and the chapters.
   */
  public List<String> arguments(Path workFolder) {
    var args = new ArrayList<String>();
    List<StreamDecision> mapped =
        output().stream()
            .filter(s -> !ATTACH.equals(s.encoder()) && !CHAPTERS.equals(s.encoder()))
            .toList();
    for (StreamDecision s : mapped) {
      args.addAll(List.of("-map", "0:" + s.index()));
    }
    for (int i = 0; i < mapped.size(); i++) {
      StreamDecision s = mapped.get(i);
      args.addAll(List.of("-c:" + i, s.encoder()));
      options(s, i, args);
    }
    List<StreamDecision> pictures = pictures();
    for (int k = 0; k < pictures.size(); k++) {
      args.addAll(List.of("-attach", picture(workFolder, pictures.get(k)).toString()));
      options(pictures.get(k), mapped.size() + k, args);
    }
    args.addAll(List.of("-map_metadata", "0", "-map_chapters", "0"));
    return args;
  }

  /** A stream's options, each for output stream {@code i}. */
  private static void options(StreamDecision s, int i, List<String> args) {
    for (int o = 0; o + 1 < s.options().size(); o += 2) {
      args.addAll(List.of(s.options().get(o) + ":" + i, s.options().get(o + 1)));
    }
  }
}
