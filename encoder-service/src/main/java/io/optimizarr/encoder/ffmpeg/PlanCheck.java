package io.optimizarr.encoder.ffmpeg;

import io.optimizarr.encoder.ffmpeg.MediaProbe.Media;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether an encode's output holds what its {@link StreamPlan} promised: per kind of stream the
 * planned count, codecs and languages, in order; each video and audio stream's duration, and the
 * whole file's, within 1 s or 1 % of the input's; the film's frames (or packets) within 0.1 % of
 * the input's; every chapter. Pure: the probes are read before.
 */
public final class PlanCheck {

  /** Streams the check compares; MP4 writes its chapters also as a data track, not planned. */
  private static final List<StreamKind> COMPARED =
      List.of(
          StreamKind.VIDEO,
          StreamKind.COVER_ART,
          StreamKind.AUDIO,
          StreamKind.SUBTITLE,
          StreamKind.ATTACHMENT);

  private PlanCheck() {}

  /**
   * What differs, one sentence each; empty when the output is as planned.
   *
   * @param input the input, probed with its frames counted
   * @param output the output, probed with its frames counted
   */
  public static List<String> differences(StreamPlan plan, Media input, Media output) {
    var differences = new ArrayList<String>();
    for (StreamKind kind : COMPARED) {
      compareKind(kind, plan, input, output, differences);
    }
    duration("the output", input.durationSeconds(), output.durationSeconds(), true, differences);
    frames(input, output, differences);
    if (output.chapters().size() != plan.chapters()) {
      differences.add(
          "the output has " + output.chapters().size() + " chapters, the plan " + plan.chapters());
    }
    return differences;
  }

  private static void compareKind(
      StreamKind kind, StreamPlan plan, Media input, Media output, List<String> differences) {
    List<StreamDecision> planned = plan.output().stream().filter(s -> s.kind() == kind).toList();
    List<Media.Stream> found =
        output.streams().stream().filter(s -> StreamKind.of(s) == kind).toList();
    if (planned.size() != found.size()) {
      differences.add(
          "the output has "
              + found.size()
              + " "
              + kind.word()
              + " streams, the plan "
              + planned.size());
      return;
    }
    for (int i = 0; i < planned.size(); i++) {
      StreamDecision p = planned.get(i);
      Media.Stream o = found.get(i);
      String which = kind.word() + " stream " + (i + 1) + " (input " + p.name() + ")";
      if (p.outputCodec() != null && !p.outputCodec().equals(o.codecName())) {
        differences.add(which + " is " + o.codecName() + ", planned " + p.outputCodec());
      }
      if (!Languages.isUnstated(p.language()) && !Languages.same(p.language(), o.language())) {
        differences.add(which + " has language " + o.language() + ", planned " + p.language());
      }
      if (kind == StreamKind.VIDEO || kind == StreamKind.AUDIO) {
        input.streams().stream()
            .filter(s -> s.index() == p.index())
            .findFirst()
            .ifPresent(
                s -> duration(which, s.durationSeconds(), o.durationSeconds(), false, differences));
      }
    }
  }

  /**
   * @param required whether an output without a duration differs: a file must have one, while a
   *     stream's own is not in every container
   */
  private static void duration(
      String which, Double input, Double output, boolean required, List<String> differences) {
    if (input == null || (output == null && !required)) {
      return;
    }
    if (output == null) {
      differences.add(which + " has no duration");
      return;
    }
    double allowed = Math.max(1.0, input * 0.01);
    if (Math.abs(input - output) > allowed) {
      differences.add(String.format("%s lasts %.2f s, the input %.2f s", which, output, input));
    }
  }

  private static void frames(Media input, Media output, List<String> differences) {
    Optional<Long> in = input.firstFilm().map(Media.Stream::frames);
    Optional<Long> out = output.firstFilm().map(Media.Stream::frames);
    if (in.isEmpty() || out.isEmpty()) {
      return;
    }
    if (Math.abs(in.get() - out.get()) > in.get() * 0.001) {
      differences.add("the output's video has " + out.get() + " frames, the input's " + in.get());
    }
  }
}
