package io.optimizarr.encoder.ffmpeg;

/** What a stream of a file is, as a plan and its check tell them apart. */
public enum StreamKind {
  VIDEO,
  /** A picture stored as a video stream (ffprobe's {@code attached_pic}). */
  COVER_ART,
  AUDIO,
  SUBTITLE,
  ATTACHMENT,
  /** Anything else: timecode tracks, MP4's chapter text track, unknown data. */
  DATA;

  public static StreamKind of(MediaProbe.Media.Stream s) {
    if (s.codecType() == null) {
      return DATA;
    }
    return switch (s.codecType()) {
      case "video" -> s.attachedPic() ? COVER_ART : VIDEO;
      case "audio" -> AUDIO;
      case "subtitle" -> SUBTITLE;
      case "attachment" -> ATTACHMENT;
      default -> DATA;
    };
  }

  /** The word a plan's sentences use. */
  public String word() {
    return switch (this) {
      case VIDEO -> "video";
      case COVER_ART -> "cover art";
      case AUDIO -> "audio";
      case SUBTITLE -> "subtitles";
      case ATTACHMENT -> "attachment";
      case DATA -> "data";
    };
  }
}
