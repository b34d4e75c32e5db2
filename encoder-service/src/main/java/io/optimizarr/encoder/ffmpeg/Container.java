package io.optimizarr.encoder.ffmpeg;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Output containers: the file extension, ffmpeg's muxer name, and what each can hold, as tried with
 * ffmpeg 5.1 (stream copy into the muxer).
 */
public enum Container {
  MKV("mkv", "matroska"),
  MP4("mp4", "mp4");

  private final String extension;
  private final String muxer;

  Container(String extension, String muxer) {
    this.extension = extension;
    this.muxer = muxer;
  }

  public static Optional<Container> byName(String name) {
    return Arrays.stream(values()).filter(c -> c.extension.equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Container::extension).toList();
  }

  public String extension() {
    return extension;
  }

  public String muxer() {
    return muxer;
  }

  /** Subtitles kept as text, whatever their codec: SubRip, ASS, WebVTT, MP4's timed text. */
  public static final Set<String> TEXT_SUBTITLES =
      Set.of("subrip", "srt", "ass", "ssa", "webvtt", "mov_text", "text");

  /**
   * Audio codecs this container takes with {@code copy}. MP4: ffmpeg 5.1 refuses PCM and calls FLAC
   * and TrueHD experimental; Vorbis it writes, but players do not read it there. Matroska: all but
   * the PCM of Blu-ray and DVD ({@link #losslessAudioFor}).
   */
  public boolean copiesAudio(String codec) {
    return this == MKV
        ? losslessAudioFor(codec).isEmpty()
        : Set.of("aac", "mp3", "mp2", "ac3", "eac3", "opus", "alac", "dts").contains(codec);
  }

  /**
   * The lossless codec audio this container cannot copy goes into instead: Matroska has no tag for
   * Blu-ray's and DVD's PCM, which FLAC holds bit for bit.
   */
  public Optional<String> losslessAudioFor(String codec) {
    return this == MKV && Set.of("pcm_bluray", "pcm_dvd").contains(codec)
        ? Optional.of("flac")
        : Optional.empty();
  }

  /** Subtitle codecs this container takes with {@code copy}. */
  public boolean copiesSubtitles(String codec) {
    return this == MKV
        ? Set.of(
                "subrip",
                "ass",
                "ssa",
                "webvtt",
                "hdmv_pgs_subtitle",
                "dvd_subtitle",
                "dvb_subtitle")
            .contains(codec)
        : codec.equals("mov_text");
  }

  /** The text subtitle codec this container holds: ffmpeg's encoder name and ffprobe's name. */
  public String textSubtitleEncoder() {
    return this == MKV ? "srt" : "mov_text";
  }

  public String textSubtitleCodec() {
    return this == MKV ? "subrip" : "mov_text";
  }

  /** Matroska holds attachments (fonts); MP4 none. */
  public boolean holdsAttachments() {
    return this == MKV;
  }

  /** Matroska has track titles; MP4 keeps a title only as the track's handler name. */
  public boolean hasTrackTitles() {
    return this == MKV;
  }
}
