package io.optimizarr.encoder.profile;

import io.optimizarr.encoder.ffmpeg.VideoCodec;
import io.optimizarr.encoder.queue.OutputMode;
import java.util.List;

/**
 * A profile as clients send it; overrides left null use the node's settings, the two skips and
 * {@code allowStreamDrops} left null are off, language lists left null or empty keep every track,
 * {@code thoroughCheck} left null is the default, the output mode left null is {@code beside}, the
 * recycle days 7, no minimum saving; films of 10 minutes or more encoded in chunks of 60 s unless
 * {@code segmented} is false, by the node that runs the job unless {@code shareChunks} is true.
 */
public record ProfileInput(
    String name,
    String videoCodec,
    Integer quality,
    String preset,
    String audioCodec,
    Integer audioBitrateKbps,
    String container,
    Integer cpuThreshold,
    Integer memoryThreshold,
    Integer gpuThreshold,
    Integer niceLevel,
    String cpuAffinity,
    Boolean skipIfTargetCodec,
    Boolean discardLargerOutput,
    List<String> audioLanguages,
    List<String> subtitleLanguages,
    Boolean allowStreamDrops,
    Boolean thoroughCheck,
    String outputMode,
    Integer recycleDays,
    Integer minSavingsPercent,
    Boolean segmented,
    Integer segmentSeconds,
    Integer segmentAboveSeconds,
    Boolean shareChunks,
    String device) {

  void applyTo(EncodingProfile profile) {
    profile.name = name.trim();
    profile.videoCodec = videoCodec;
    profile.quality = quality;
    profile.preset = preset;
    profile.audioCodec = audioCodec;
    profile.audioBitrateKbps = audioBitrateKbps;
    profile.container = container;
    profile.cpuThreshold = cpuThreshold;
    profile.memoryThreshold = memoryThreshold;
    profile.gpuThreshold = gpuThreshold;
    profile.niceLevel = niceLevel;
    profile.cpuAffinity = cpuAffinity == null || cpuAffinity.isBlank() ? null : cpuAffinity.trim();
    profile.skipIfTargetCodec = Boolean.TRUE.equals(skipIfTargetCodec);
    profile.discardLargerOutput = Boolean.TRUE.equals(discardLargerOutput);
    profile.audioLanguages = EncodingProfile.stored(audioLanguages);
    profile.subtitleLanguages = EncodingProfile.stored(subtitleLanguages);
    profile.allowStreamDrops = Boolean.TRUE.equals(allowStreamDrops);
    profile.thoroughCheck = thoroughCheck;
    profile.outputMode = outputMode == null ? OutputMode.BESIDE.wire() : outputMode;
    profile.recycleDays = recycleDays == null ? ProfileRules.DEFAULT_RECYCLE_DAYS : recycleDays;
    profile.minSavingsPercent = minSavingsPercent;
    profile.segmented = !Boolean.FALSE.equals(segmented);
    profile.segmentSeconds =
        segmentSeconds == null ? ProfileRules.DEFAULT_SEGMENT_SECONDS : segmentSeconds;
    profile.segmentAboveSeconds =
        segmentAboveSeconds == null
            ? ProfileRules.DEFAULT_SEGMENT_ABOVE_SECONDS
            : segmentAboveSeconds;
    profile.shareChunks = Boolean.TRUE.equals(shareChunks);
    // Stored for every VAAPI and Quick Sync profile, so that claims match it as nodes probed it.
    boolean takesDevice =
        VideoCodec.byName(videoCodec).map(c -> c.hardware().takesDevice()).orElse(false);
    profile.device =
        !takesDevice
            ? null
            : device == null || device.isBlank() ? VideoCodec.DEFAULT_DEVICE : device.trim();
  }
}
