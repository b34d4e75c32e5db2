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
    return arguments(workFolder, null);
  }

  /**
   * The mapping of a segmented encode's join: as {@link #arguments}, but the film comes from the
   * joined chunks (ffmpeg's second input, already encoded) and is copied with its flags and title;
   * every other stream from the input as planned.
   */
  public List<String> joinArguments(Path workFolder, StreamDecision film) {
    return arguments(workFolder, film);
  }

  /**
   * The one film a segmented encode cuts: the plan's only video stream, encoded. Empty when there
   * is none to cut so (the video copied, or several video streams kept).
   */
  @JsonIgnore
  public Optional<StreamDecision> segmentableFilm() {
    List<StreamDecision> videos =
        output().stream().filter(s -> s.kind() == StreamKind.VIDEO).toList();
    return videos.size() == 1 && videos.get(0).action() == StreamDecision.Action.CONVERTED
        ? Optional.of(videos.get(0))
        : Optional.empty();
  }

  /**
   * A film's options that belong to its encoder (pixel format, colour, encoder parameters), which a
   * chunk's encode takes, as against those of its output stream (flags, title), which the join
   * sets.
   */
  public static List<String> encoderOptions(StreamDecision film) {
    var options = new ArrayList<String>();
    for (int o = 0; o + 1 < film.options().size(); o += 2) {
      if (!streamOption(film.options().get(o))) {
        options.addAll(film.options().subList(o, o + 2));
      }
    }
    return options;
  }

  private static boolean streamOption(String option) {
    return option.equals("-disposition") || option.startsWith("-metadata");
  }

  /** The mapping, with {@code joined} (when given) from the joined chunks, copied. */
  private List<String> arguments(Path workFolder, StreamDecision joined) {
    var args = new ArrayList<String>();
    List<StreamDecision> mapped =
        output().stream()
            .filter(s -> !ATTACH.equals(s.encoder()) && !CHAPTERS.equals(s.encoder()))
            .toList();
    for (StreamDecision s : mapped) {
      args.addAll(List.of("-map", s == joined ? "1:v:0" : "0:" + s.index()));
    }
    for (int i = 0; i < mapped.size(); i++) {
      StreamDecision s = mapped.get(i);
      if (s == joined) {
        args.addAll(List.of("-c:" + i, "copy"));
        for (int o = 0; o + 1 < s.options().size(); o += 2) {
          if (streamOption(s.options().get(o))) {
            args.addAll(List.of(s.options().get(o) + ":" + i, s.options().get(o + 1)));
          }
        }
      } else {
        args.addAll(List.of("-c:" + i, s.encoder()));
        options(s, i, args);
      }
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
