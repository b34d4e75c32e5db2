package io.optimizarr.encoder.profile;

import java.util.List;

/** A profile as the API shows it, with its optional resource overrides (names: docs/API.md). */
public record ProfileView(
    Long id,
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
    boolean skipIfTargetCodec,
    boolean discardLargerOutput,
    List<String> audioLanguages,
    List<String> subtitleLanguages,
    boolean allowStreamDrops,
    Boolean thoroughCheck,
    String outputMode,
    int recycleDays,
    Integer minSavingsPercent,
    boolean segmented,
    int segmentSeconds,
    int segmentAboveSeconds,
    boolean shareChunks,
    String device) {

  static ProfileView of(EncodingProfile p) {
    return new ProfileView(
        p.id,
        p.name,
        p.videoCodec,
        p.quality,
        p.preset,
        p.audioCodec,
        p.audioBitrateKbps,
        p.container,
        p.cpuThreshold,
        p.memoryThreshold,
        p.gpuThreshold,
        p.niceLevel,
        p.cpuAffinity,
        p.skipIfTargetCodec,
        p.discardLargerOutput,
        EncodingProfile.languages(p.audioLanguages),
        EncodingProfile.languages(p.subtitleLanguages),
        p.allowStreamDrops,
        p.thoroughCheck,
        p.outputMode,
        p.recycleDays,
        p.minSavingsPercent,
        p.segmented,
        p.segmentSeconds,
        p.segmentAboveSeconds,
        p.shareChunks,
        p.device);
  }
}
