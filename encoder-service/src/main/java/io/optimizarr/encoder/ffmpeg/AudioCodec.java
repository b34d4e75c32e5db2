package io.optimizarr.encoder.ffmpeg;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The audio choices of a profile: keep the streams, or encode them at a bitrate. */
public enum AudioCodec {
  COPY("copy", "copy"),
  AAC("aac", "aac"),
  OPUS("opus", "libopus");

  public static final int MIN_BITRATE_KBPS = 32;
  public static final int MAX_BITRATE_KBPS = 512;

  private final String profileName;
  private final String ffmpegName;

  AudioCodec(String profileName, String ffmpegName) {
    this.profileName = profileName;
    this.ffmpegName = ffmpegName;
  }

  public static Optional<AudioCodec> byName(String name) {
    return Arrays.stream(values()).filter(c -> c.profileName.equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(AudioCodec::profileName).toList();
  }

  public String profileName() {
    return profileName;
  }

  public String ffmpegName() {
    return ffmpegName;
  }

  public boolean encodes() {
    return this != COPY;
  }
}
