package io.optimizarr.encoder.profile;

/** A profile as clients send it; overrides left null use the node's settings. */
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
    String cpuAffinity) {

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
  }
}
