package io.optimizarr.encoder.profile;

import java.util.List;

/**
 * A profile as clients send it; overrides left null use the node's settings, the two skips and
 * {@code allowStreamDrops} left null are off, language lists left null or empty keep every track,
 * {@code thoroughCheck} left null is the default.
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
    Boolean thoroughCheck) {

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
  }
}
