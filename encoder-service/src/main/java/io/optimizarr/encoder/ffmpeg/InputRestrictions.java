package io.optimizarr.encoder.ffmpeg;

import java.util.List;

/**
 * What ffmpeg and ffprobe may take an input for: a real media container, read from a local file.
 * Both choose a format by content, not by name, so without these a text playlist named {@code
 * film.mkv} (HLS, concat) would be followed to files anywhere, or to a network address.
 */
public final class InputRestrictions {

  /**
   * The demuxers of the containers a library holds: Matroska and WebM, MP4 and QuickTime, AVI, MPEG
   * transport and program streams, FLV, ASF (WMV) and Ogg.
   */
  public static final String FORMATS = "matroska,mov,avi,mpegts,mpeg,flv,asf,ogg";

  private InputRestrictions() {}

  /** The options that go before {@code -i} (or the file, for ffprobe). */
  public static List<String> options() {
    return List.of("-protocol_whitelist", "file", "-format_whitelist", FORMATS);
  }
}
