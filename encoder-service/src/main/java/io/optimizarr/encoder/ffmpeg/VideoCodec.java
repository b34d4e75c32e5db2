package io.optimizarr.encoder.ffmpeg;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The video encoders a profile may name, each with its quality option, range and presets. */
public enum VideoCodec {
  LIBX264(
      "libx264",
      "h264",
      "-crf",
      0,
      51,
      x26xPresets(),
      List.of(
          "yuv420p",
          "yuv422p",
          "yuv444p",
          "yuv420p10le",
          "yuv422p10le",
          "yuv444p10le",
          "gray",
          "gray10le")),
  LIBX265(
      "libx265",
      "hevc",
      "-crf",
      0,
      51,
      x26xPresets(),
      List.of(
          "yuv420p",
          "yuv422p",
          "yuv444p",
          "yuv420p10le",
          "yuv422p10le",
          "yuv444p10le",
          "yuv420p12le",
          "yuv422p12le",
          "yuv444p12le",
          "gray",
          "gray10le",
          "gray12le")),
  LIBSVTAV1(
      "libsvtav1",
      "av1",
      "-crf",
      0,
      63,
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"),
      List.of("yuv420p", "yuv420p10le")),
  H264_NVENC("h264_nvenc", "h264", "-cq", 0, 51, nvencPresets(), nvencFormats()),
  HEVC_NVENC("hevc_nvenc", "hevc", "-cq", 0, 51, nvencPresets(), nvencFormats()),
  COPY("copy", null, null, 0, 0, List.of(), List.of());

  private final String ffmpegName;
  private final String codecName;
  private final String qualityOption;
  private final int minQuality;
  private final int maxQuality;
  private final List<String> presets;
  private final List<String> pixelFormats;

  VideoCodec(
      String ffmpegName,
      String codecName,
      String qualityOption,
      int min,
      int max,
      List<String> presets,
      List<String> pixelFormats) {
    this.pixelFormats = pixelFormats;
    this.ffmpegName = ffmpegName;
    this.codecName = codecName;
    this.qualityOption = qualityOption;
    this.minQuality = min;
    this.maxQuality = max;
    this.presets = presets;
  }

  public static Optional<VideoCodec> byName(String name) {
    return Arrays.stream(values()).filter(c -> c.ffmpegName.equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(VideoCodec::ffmpegName).toList();
  }

  public String ffmpegName() {
    return ffmpegName;
  }

  /**
   * The codec this encoder writes, as ffprobe names it ({@code h264}, {@code hevc}, {@code av1});
   * empty for stream copy, which keeps whatever the input has.
   */
  public Optional<String> codecName() {
    return Optional.ofNullable(codecName);
  }

  /** {@code -crf} or {@code -cq}; null for stream copy, which takes no quality. */
  public String qualityOption() {
    return qualityOption;
  }

  public int minQuality() {
    return minQuality;
  }

  public int maxQuality() {
    return maxQuality;
  }

  public List<String> presets() {
    return presets;
  }

  /**
   * The pixel formats the encoder takes, as {@code ffmpeg -h encoder=NAME} lists them (ffmpeg 5.1),
   * best first for each depth: 10-bit stays 10-bit where it takes {@code yuv420p10le} (or NVENC's
   * {@code p010le}).
   */
  public List<String> pixelFormats() {
    return pixelFormats;
  }

  public boolean encodes() {
    return this != COPY;
  }

  private static List<String> x26xPresets() {
    return List.of(
        "ultrafast",
        "superfast",
        "veryfast",
        "faster",
        "fast",
        "medium",
        "slow",
        "slower",
        "veryslow");
  }

  private static List<String> nvencFormats() {
    return List.of("yuv420p", "nv12", "p010le", "yuv444p", "p016le", "yuv444p16le");
  }

  private static List<String> nvencPresets() {
    return List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7");
  }
}
