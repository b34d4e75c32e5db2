package io.optimizarr.encoder.profile;

import io.optimizarr.encoder.ffmpeg.AudioCodec;
import io.optimizarr.encoder.ffmpeg.Container;
import io.optimizarr.encoder.ffmpeg.Languages;
import io.optimizarr.encoder.ffmpeg.VideoCodec;
import io.optimizarr.encoder.process.CpuAffinity;
import io.optimizarr.encoder.queue.OutputMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a profile may say: known codecs, a quality within the codec's range, a preset from its list,
 * a bitrate for encoded audio, a known container, overrides within the settings' ranges, language
 * lists of ISO 639-2 codes, an output mode, recycle days and a minimum saving in range. Pure; gives
 * every problem at once, keyed by field.
 */
public final class ProfileRules {

  /** A replaced original stays this many days in the recycle folder unless the profile says. */
  public static final int DEFAULT_RECYCLE_DAYS = 7;

  /** At most this many: an original is restorable for up to about ten years. */
  static final int MAX_RECYCLE_DAYS = 3650;

  /** A chunk of a segmented encode: about a minute of the film by default (V17's bounds). */
  public static final int DEFAULT_SEGMENT_SECONDS = 60;

  static final int MIN_SEGMENT_SECONDS = 10;
  static final int MAX_SEGMENT_SECONDS = 3600;

  /** Films of ten minutes or more are encoded in chunks by default. */
  public static final int DEFAULT_SEGMENT_ABOVE_SECONDS = 600;

  static final int MAX_SEGMENT_ABOVE_SECONDS = 86400;

  private ProfileRules() {}

  public static Map<String, String> problems(ProfileInput p, int hostCores) {
    var problems = new LinkedHashMap<String, String>();
    if (p.name() == null || p.name().isBlank()) {
      problems.put("name", "name is required");
    } else if (p.name().length() > 100) {
      problems.put("name", "name is longer than 100 characters");
    } else if (p.name().chars().anyMatch(Character::isISOControl)) {
      problems.put("name", "name may not contain control characters");
    }
    Optional<VideoCodec> video = VideoCodec.byName(p.videoCodec());
    if (video.isEmpty()) {
      problems.put(
          "videoCodec", "videoCodec '" + p.videoCodec() + "' is not one of " + VideoCodec.names());
    } else {
      videoProblems(video.get(), p, problems);
    }
    Optional<AudioCodec> audio = AudioCodec.byName(p.audioCodec());
    if (audio.isEmpty()) {
      problems.put(
          "audioCodec", "audioCodec '" + p.audioCodec() + "' is not one of " + AudioCodec.names());
    } else if (audio.get().encodes()) {
      Integer kbps = p.audioBitrateKbps();
      if (kbps == null
          || kbps < AudioCodec.MIN_BITRATE_KBPS
          || kbps > AudioCodec.MAX_BITRATE_KBPS) {
        problems.put(
            "audioBitrateKbps",
            "audioBitrateKbps must be from "
                + AudioCodec.MIN_BITRATE_KBPS
                + " to "
                + AudioCodec.MAX_BITRATE_KBPS
                + " for "
                + p.audioCodec());
      }
    } else if (p.audioBitrateKbps() != null) {
      problems.put("audioBitrateKbps", "audioBitrateKbps makes no sense when copying audio");
    }
    if (Container.byName(p.container()).isEmpty()) {
      problems.put(
          "container", "container '" + p.container() + "' is not one of " + Container.names());
    }
    threshold("cpuThreshold", p.cpuThreshold(), problems);
    threshold("memoryThreshold", p.memoryThreshold(), problems);
    threshold("gpuThreshold", p.gpuThreshold(), problems);
    if (p.niceLevel() != null && (p.niceLevel() < 0 || p.niceLevel() > 19)) {
      problems.put("niceLevel", "niceLevel must be from 0 to 19");
    }
    languages("audioLanguages", p.audioLanguages(), problems);
    languages("subtitleLanguages", p.subtitleLanguages(), problems);
    if (p.cpuAffinity() != null && !p.cpuAffinity().isBlank()) {
      CpuAffinity.problem(p.cpuAffinity(), hostCores)
          .ifPresent(problem -> problems.put("cpuAffinity", "cpuAffinity: " + problem));
    }
    outputProblems(p, problems);
    segmentProblems(p, problems);
    return problems;
  }

  /** The output mode, the recycle days and the minimum saving. */
  private static void outputProblems(ProfileInput p, Map<String, String> problems) {
    if (p.outputMode() != null && OutputMode.byWire(p.outputMode()).isEmpty()) {
      problems.put(
          "outputMode",
          "outputMode '" + p.outputMode() + "' is not one of " + OutputMode.wireNames());
    }
    if (p.recycleDays() != null && (p.recycleDays() < 0 || p.recycleDays() > MAX_RECYCLE_DAYS)) {
      problems.put(
          "recycleDays", "recycleDays must be from 0 (delete at once) to " + MAX_RECYCLE_DAYS);
    }
    if (p.minSavingsPercent() != null
        && (p.minSavingsPercent() < 1 || p.minSavingsPercent() > 99)) {
      problems.put(
          "minSavingsPercent", "minSavingsPercent must be from 1 to 99, or null for any saving");
    }
  }

  /** The chunks' length and the length from which a film is cut into them. */
  private static void segmentProblems(ProfileInput p, Map<String, String> problems) {
    if (p.segmentSeconds() != null
        && (p.segmentSeconds() < MIN_SEGMENT_SECONDS || p.segmentSeconds() > MAX_SEGMENT_SECONDS)) {
      problems.put(
          "segmentSeconds",
          "segmentSeconds must be from "
              + MIN_SEGMENT_SECONDS
              + " to "
              + MAX_SEGMENT_SECONDS
              + ", or null for "
              + DEFAULT_SEGMENT_SECONDS);
    }
    if (p.segmentAboveSeconds() != null
        && (p.segmentAboveSeconds() < 0 || p.segmentAboveSeconds() > MAX_SEGMENT_ABOVE_SECONDS)) {
      problems.put(
          "segmentAboveSeconds",
          "segmentAboveSeconds must be from 0 (every film) to "
              + MAX_SEGMENT_ABOVE_SECONDS
              + ", or null for "
              + DEFAULT_SEGMENT_ABOVE_SECONDS);
    }
  }

  private static void videoProblems(
      VideoCodec video, ProfileInput p, Map<String, String> problems) {
    if (!video.encodes()) {
      if (p.quality() != null) {
        problems.put("quality", "quality makes no sense when copying video");
      }
      if (p.preset() != null) {
        problems.put("preset", "preset makes no sense when copying video");
      }
      if (Boolean.TRUE.equals(p.skipIfTargetCodec())) {
        problems.put(
            "skipIfTargetCodec", "skipIfTargetCodec makes no sense when copying video (no codec)");
      }
      return;
    }
    if (p.quality() == null
        || p.quality() < video.minQuality()
        || p.quality() > video.maxQuality()) {
      problems.put(
          "quality",
          "quality ("
              + video.qualityOption().substring(1)
              + ") for "
              + video.ffmpegName()
              + " must be from "
              + video.minQuality()
              + " to "
              + video.maxQuality());
    }
    if (video.presets().isEmpty()) {
      if (p.preset() != null) {
        problems.put(
            "preset", "preset: " + video.ffmpegName() + " has no presets; leave preset out");
      }
    } else if (p.preset() == null || !video.presets().contains(p.preset())) {
      problems.put(
          "preset",
          "preset '"
              + p.preset()
              + "' is not one of "
              + video.ffmpegName()
              + "'s presets "
              + video.presets());
    }
    deviceProblem(video, p.device()).ifPresent(d -> problems.put("device", d));
  }

  /**
   * A VAAPI or Quick Sync profile may name its render node ({@code /dev/dri/renderD128}, the
   * default, or another {@code renderD…} or {@code card…}); no other profile names one.
   */
  static Optional<String> deviceProblem(VideoCodec video, String device) {
    if (device == null || device.isBlank()) {
      return Optional.empty();
    }
    if (!video.hardware().takesDevice()) {
      return Optional.of(
          "device: only VAAPI and Quick Sync encoders use a device; "
              + video.ffmpegName()
              + " takes none");
    }
    if (!DEVICE.matcher(device.trim()).matches()) {
      return Optional.of(
          "device '"
              + abbreviated(device)
              + "' is not a DRM node such as "
              + VideoCodec.DEFAULT_DEVICE);
    }
    return Optional.empty();
  }

  /** Each code a known ISO 639-2 one (bibliographic or terminology), at most 50 of them. */
  private static void languages(String field, List<String> codes, Map<String, String> problems) {
    if (codes == null) {
      return;
    }
    if (codes.size() > 50) {
      problems.put(field, field + " may name at most 50 languages");
      return;
    }
    for (String code : codes) {
      if (code == null || !Languages.isKnown(code.trim())) {
        problems.put(
            field,
            field
                + ": '"
                + (code == null ? "null" : abbreviated(code))
                + "' is not an ISO 639-2 language code (such as eng, fre, ger)");
        return;
      }
    }
  }

  private static final Pattern DEVICE = Pattern.compile("/dev/dri/(renderD|card)[0-9]{1,3}");

  private static String abbreviated(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "…" : text;
  }

  private static void threshold(String field, Integer value, Map<String, String> problems) {
    if (value != null && (value < 50 || value > 100)) {
      problems.put(field, field + " must be from 50 to 100");
    }
  }
}
