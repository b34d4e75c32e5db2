package io.optimizarr.encoder.ffmpeg;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Output containers: the file extension and ffmpeg's muxer name. */
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
}
