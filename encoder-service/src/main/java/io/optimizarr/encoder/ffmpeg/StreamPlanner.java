package io.optimizarr.encoder.ffmpeg;

import io.optimizarr.encoder.ffmpeg.MediaProbe.Media;
import io.optimizarr.encoder.ffmpeg.StreamDecision.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a {@link StreamPlan}: every video that is not a picture encoded (or copied), audio copied
 * or encoded as the profile says where the container takes it, subtitles copied or turned into the
 * container's text format, attachments and cover art kept where the container holds them, chapters
 * and metadata kept; tracks in languages the profile does not want left out; never an output
 * without audio when the input has some. Pure.
 */
public final class StreamPlanner {

  private static final Set<String> IMAGE_SUBTITLES =
      Set.of("hdmv_pgs_subtitle", "dvd_subtitle", "dvb_subtitle", "xsub");

  private StreamPlanner() {}

  public static StreamPlan plan(Media input, EncodeSettings settings, StreamRules rules) {
    var decisions = new ArrayList<StreamDecision>();
    Optional<Media.Stream> film = input.firstFilm();
    for (Media.Stream s : input.streams()) {
      Hdr10 hdr10 = film.isPresent() && film.get() == s ? input.hdr10() : null;
      decisions.add(isChapterTrack(s, input) ? chapterTrack(s) : decide(s, hdr10, settings, rules));
    }
    keepOneAudio(input, settings, decisions);
    return new StreamPlan(decisions, input.chapters().size(), refusal(decisions, rules));
  }

  /**
   * MP4 and QuickTime keep chapters twice, as chapters and as a text track that ffprobe shows as a
   * data stream ({@code bin_data}).
   */
  private static boolean isChapterTrack(Media.Stream s, Media input) {
    return "data".equals(s.codecType())
        && "bin_data".equals(s.codecName())
        && !input.chapters().isEmpty();
  }

  /** The chapter track is not mapped: the chapters themselves go over ({@code -map_chapters}). */
  private static StreamDecision chapterTrack(Media.Stream s) {
    return new StreamDecision(
        s.index(),
        StreamKind.DATA,
        s.codecName(),
        null,
        null,
        Action.KEPT,
        null,
        false,
        "MP4's chapter track: kept as the chapters",
        StreamPlan.CHAPTERS,
        List.of());
  }

  private static StreamDecision decide(
      Media.Stream s, Hdr10 hdr10, EncodeSettings settings, StreamRules rules) {
    StreamKind kind = StreamKind.of(s);
    return switch (kind) {
      case VIDEO -> VideoPlanner.decide(s, hdr10, settings);
      case COVER_ART -> coverArt(s, settings.container());
      case AUDIO ->
          byLanguage(s, kind, rules.audioLanguages(), "audio").orElseGet(() -> audio(s, settings));
      case SUBTITLE ->
          byLanguage(s, kind, rules.subtitleLanguages(), "subtitle")
              .orElseGet(() -> subtitles(s, settings.container()));
      case ATTACHMENT -> attachment(s, settings.container());
      case DATA -> drop(s, kind, false, "data streams (" + s.codecName() + ") are not carried");
    };
  }

  private static StreamDecision coverArt(Media.Stream s, Container container) {
    boolean png = "png".equals(s.codecName());
    if (!png && !"mjpeg".equals(s.codecName())) {
      return drop(
          s,
          StreamKind.COVER_ART,
          false,
          "cover art in " + s.codecName() + " is not carried (only JPEG and PNG)");
    }
    if (container == Container.MP4) {
      return StreamDecision.of(
          s,
          StreamKind.COVER_ART,
          Action.KEPT,
          s.codecName(),
          "copied as the cover picture",
          "copy",
          List.of("-disposition", "attached_pic"));
    }
    // ffmpeg 5.1 writes a picture stream into Matroska only as a video track: the picture is
    // taken out of the input as it is and attached again, as Matroska keeps covers.
    String mimetype = s.mimetype() != null ? s.mimetype() : png ? "image/png" : "image/jpeg";
    String filename = s.filename() != null ? s.filename() : png ? "cover.png" : "cover.jpg";
    return new StreamDecision(
        s.index(),
        StreamKind.COVER_ART,
        s.codecName(),
        s.language(),
        filename,
        Action.KEPT,
        s.codecName(),
        false,
        "cover art copied as the attachment " + filename,
        StreamPlan.ATTACH,
        List.of("-metadata:s", "mimetype=" + mimetype, "-metadata:s", "filename=" + filename));
  }

  /** A drop the profile asked for by its language list; empty when the list keeps the track. */
  private static Optional<StreamDecision> byLanguage(
      Media.Stream s, StreamKind kind, List<String> languages, String field) {
    if (languages.isEmpty()
        || Languages.isUnstated(s.language())
        || languages.stream().anyMatch(l -> Languages.same(l, s.language()))) {
      return Optional.empty();
    }
    return Optional.of(
        drop(
            s,
            kind,
            true,
            "language "
                + s.language()
                + " not in the profile's "
                + field
                + " languages "
                + languages));
  }

  private static StreamDecision audio(Media.Stream s, EncodeSettings settings) {
    AudioCodec codec = settings.audio();
    Container container = settings.container();
    var options = new ArrayList<String>(TrackTags.dispositions(s));
    options.addAll(TrackTags.title(s, container));
    if (codec.encodes()) {
      return StreamDecision.of(
          s,
          StreamKind.AUDIO,
          Action.CONVERTED,
          codec.profileName(),
          "encoded with " + codec.ffmpegName() + TrackTags.titleNote(s, container),
          codec.ffmpegName(),
          options);
    }
    Optional<String> lossless = container.losslessAudioFor(s.codecName());
    if (lossless.isPresent()) {
      return StreamDecision.of(
          s,
          StreamKind.AUDIO,
          Action.CONVERTED,
          lossless.get(),
          s.codecName()
              + " cannot be copied into "
              + container.name()
              + ": converted losslessly to "
              + lossless.get(),
          lossless.get(),
          options);
    }
    if (!container.copiesAudio(s.codecName())) {
      return drop(
          s,
          StreamKind.AUDIO,
          false,
          s.codecName()
              + " audio cannot be copied into "
              + container.name()
              + " (a profile that encodes audio, aac or opus, converts it)");
    }
    return StreamDecision.of(
        s,
        StreamKind.AUDIO,
        Action.KEPT,
        s.codecName(),
        "copied" + TrackTags.titleNote(s, container),
        "copy",
        options);
  }

  private static StreamDecision subtitles(Media.Stream s, Container container) {
    var options = new ArrayList<String>(TrackTags.dispositions(s));
    options.addAll(TrackTags.title(s, container));
    if (container.copiesSubtitles(s.codecName())) {
      return StreamDecision.of(
          s,
          StreamKind.SUBTITLE,
          Action.KEPT,
          s.codecName(),
          "copied" + TrackTags.titleNote(s, container),
          "copy",
          options);
    }
    if (Container.TEXT_SUBTITLES.contains(s.codecName())) {
      boolean styled = s.codecName().equals("ass") || s.codecName().equals("ssa");
      return StreamDecision.of(
          s,
          StreamKind.SUBTITLE,
          Action.CONVERTED,
          container.textSubtitleCodec(),
          "text subtitles converted to "
              + container.textSubtitleCodec()
              + " for "
              + container.name()
              + (styled ? " (their styling is lost)" : "")
              + TrackTags.titleNote(s, container),
          container.textSubtitleEncoder(),
          options);
    }
    String what =
        IMAGE_SUBTITLES.contains(s.codecName())
            ? "image subtitles (" + s.codecName() + ")"
            : "subtitles in " + s.codecName();
    return drop(s, StreamKind.SUBTITLE, false, what + " cannot go into " + container.name());
  }

  private static StreamDecision attachment(Media.Stream s, Container container) {
    String what = isFont(s) ? "font attachment" : "attachment";
    if (!container.holdsAttachments()) {
      return drop(s, StreamKind.ATTACHMENT, false, what + ": MP4 holds no attachments");
    }
    return new StreamDecision(
        s.index(),
        StreamKind.ATTACHMENT,
        s.codecName(),
        null,
        s.filename(),
        Action.KEPT,
        s.codecName(),
        false,
        what + " copied",
        "copy",
        List.of());
  }

  private static boolean isFont(Media.Stream s) {
    String type = s.mimetype() == null ? "" : s.mimetype();
    String name = s.filename() == null ? "" : s.filename().toLowerCase(java.util.Locale.ROOT);
    return type.contains("font")
        || name.endsWith(".ttf")
        || name.endsWith(".otf")
        || name.endsWith(".ttc");
  }

  /**
   * Never an output without audio when the input has some: when the language rules leave none, the
   * default audio track (or the first) is kept all the same, and the plan says so.
   */
  private static void keepOneAudio(
      Media input, EncodeSettings settings, List<StreamDecision> decisions) {
    List<Media.Stream> audio =
        input.streams().stream().filter(s -> StreamKind.of(s) == StreamKind.AUDIO).toList();
    if (audio.isEmpty()
        || decisions.stream().anyMatch(d -> d.kind() == StreamKind.AUDIO && !d.dropped())) {
      return;
    }
    Media.Stream chosen =
        audio.stream().filter(Media.Stream::isDefault).findFirst().orElse(audio.get(0));
    int at = input.streams().indexOf(chosen);
    StreamDecision ruled = decisions.get(at);
    if (!ruled.byProfileRule()) {
      return;
    }
    StreamDecision kept = audio(chosen, settings);
    if (kept.dropped()) {
      return;
    }
    decisions.set(
        at,
        new StreamDecision(
            kept.index(),
            kept.kind(),
            kept.codec(),
            kept.language(),
            kept.title(),
            kept.action(),
            kept.outputCodec(),
            false,
            kept.reason()
                + "; kept although its language is not in the profile's audio languages: the"
                + " output would have no audio otherwise",
            kept.encoder(),
            kept.options()));
  }

  private static String refusal(List<StreamDecision> decisions, StreamRules rules) {
    if (decisions.stream().noneMatch(d -> d.kind() == StreamKind.VIDEO)) {
      return "the input has no video to encode (only pictures, audio or other streams)";
    }
    boolean hadAudio = decisions.stream().anyMatch(d -> d.kind() == StreamKind.AUDIO);
    boolean keepsAudio =
        decisions.stream().anyMatch(d -> d.kind() == StreamKind.AUDIO && !d.dropped());
    if (hadAudio && !keepsAudio) {
      return "the output would have no audio: "
          + names(decisions.stream().filter(d -> d.kind() == StreamKind.AUDIO).toList());
    }
    List<StreamDecision> unwanted =
        decisions.stream().filter(StreamDecision::unwantedDrop).toList();
    if (unwanted.isEmpty() || rules.allowStreamDrops()) {
      return null;
    }
    return "the stream plan drops "
        + (unwanted.size() == 1 ? "a stream" : unwanted.size() + " streams")
        + " and the profile does not allow drops (allowStreamDrops): "
        + names(unwanted);
  }

  private static String names(List<StreamDecision> decisions) {
    return String.join(
        "; ", decisions.stream().map(d -> d.name() + " (" + d.reason() + ")").toList());
  }

  private static StreamDecision drop(
      Media.Stream s, StreamKind kind, boolean byRule, String reason) {
    return new StreamDecision(
        s.index(),
        kind,
        s.codecName(),
        s.language(),
        kind == StreamKind.ATTACHMENT ? s.filename() : s.title(),
        Action.DROPPED,
        null,
        byRule,
        reason,
        null,
        List.of());
  }
}
