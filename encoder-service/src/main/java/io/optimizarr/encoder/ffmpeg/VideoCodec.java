package io.optimizarr.encoder.ffmpeg;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The video encoders a profile may name, each with its quality option, range and presets, and the
 * hardware it needs ({@link Hardware}).
 */
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
  H264_NVENC("h264_nvenc", "h264", "-cq", 0, 51, nvencPresets(), nvencFormats(), Hardware.NVENC),
  HEVC_NVENC("hevc_nvenc", "hevc", "-cq", 0, 51, nvencPresets(), nvencFormats(), Hardware.NVENC),
  /** VAAPI (Intel, AMD): constant QP, the frames uploaded to the render node's surfaces. */
  H264_VAAPI("h264_vaapi", "h264", "-qp", 0, 52, List.of(), uploadFormats(), Hardware.VAAPI),
  HEVC_VAAPI("hevc_vaapi", "hevc", "-qp", 0, 52, List.of(), uploadFormats(), Hardware.VAAPI),
  AV1_VAAPI("av1_vaapi", "av1", "-qp", 0, 255, List.of(), uploadFormats(), Hardware.VAAPI),
  /** Quick Sync (Intel): ICQ quality ({@code -global_quality}), its seven presets. */
  H264_QSV(
      "h264_qsv", "h264", "-global_quality", 1, 51, qsvPresets(), uploadFormats(), Hardware.QSV),
  HEVC_QSV(
      "hevc_qsv", "hevc", "-global_quality", 1, 51, qsvPresets(), uploadFormats(), Hardware.QSV),
  AV1_QSV("av1_qsv", "av1", "-global_quality", 1, 51, qsvPresets(), uploadFormats(), Hardware.QSV),
  COPY("copy", null, null, 0, 0, List.of(), List.of());

  /** What an encoder runs on. */
  public enum Hardware {
    /** The CPU. */
    NONE,
    /** An NVIDIA GPU's NVENC, found by the driver itself. */
    NVENC,
    /** A VAAPI render node ({@code /dev/dri/renderD128}). */
    VAAPI,
    /** Intel Quick Sync, through a VAAPI render node. */
    QSV;

    /** Whether a profile names the device (render node) an encoder of this kind uses. */
    public boolean takesDevice() {
      return this == VAAPI || this == QSV;
    }
  }

  /** The render node a VAAPI or Quick Sync profile uses unless it names another. */
  public static final String DEFAULT_DEVICE = "/dev/dri/renderD128";

  private final String ffmpegName;
  private final String codecName;
  private final String qualityOption;
  private final int minQuality;
  private final int maxQuality;
  private final List<String> presets;
  private final List<String> pixelFormats;
  private final Hardware hardware;

  VideoCodec(
      String ffmpegName,
      String codecName,
      String qualityOption,
      int min,
      int max,
      List<String> presets,
      List<String> pixelFormats) {
    this(ffmpegName, codecName, qualityOption, min, max, presets, pixelFormats, Hardware.NONE);
  }

  VideoCodec(
      String ffmpegName,
      String codecName,
      String qualityOption,
      int min,
      int max,
      List<String> presets,
      List<String> pixelFormats,
      Hardware hardware) {
    this.hardware = hardware;
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

  public Hardware hardware() {
    return hardware;
  }

  /**
   * The options before {@code -i} that open the hardware device ({@code device}: a render node) and
   * name it for the upload filter; none for an encoder on the CPU or NVENC.
   */
  public List<String> deviceArguments(String device) {
    return switch (hardware) {
      case VAAPI -> List.of("-init_hw_device", "vaapi=va:" + device, "-filter_hw_device", "va");
      case QSV ->
          List.of(
              "-init_hw_device",
              "vaapi=va:" + device,
              "-init_hw_device",
              "qsv=qs@va",
              "-filter_hw_device",
              "qs");
      default -> List.of();
    };
  }

  /**
   * The video filter that hands frames of {@code pixelFormat} (one of {@link #pixelFormats}) to a
   * hardware encoder: converted on the CPU, then uploaded to the device's surfaces; empty where the
   * encoder reads frames from memory itself.
   */
  public Optional<String> uploadFilter(String pixelFormat) {
    return switch (hardware) {
      case VAAPI -> Optional.of("format=" + pixelFormat + ",hwupload");
      case QSV -> Optional.of("format=" + pixelFormat + ",hwupload=extra_hw_frames=64");
      default -> Optional.empty();
    };
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

  /** What is uploaded to VAAPI and Quick Sync surfaces: 8-bit NV12 or 10-bit P010. */
  private static List<String> uploadFormats() {
    return List.of("nv12", "p010le");
  }

  private static List<String> qsvPresets() {
    return List.of("veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow");
  }

  private static List<String> nvencPresets() {
    return List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7");
  }
}
