package io.optimizarr.encoder.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {

  private static ProfileInput profile(
      String video, Integer quality, String preset, String audio, Integer kbps, String container) {
    return new ProfileInput(
        "p", video, quality, preset, audio, kbps, container, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void shouldAcceptEachCodecWithinItsOwnRangeAndPresets() {
    assertThat(ProfileRules.problems(profile("libx264", 51, "veryslow", "aac", 160, "mp4"), 2))
        .isEmpty();
    assertThat(ProfileRules.problems(profile("libsvtav1", 63, "13", "opus", 96, "mkv"), 2))
        .isEmpty();
    assertThat(ProfileRules.problems(profile("hevc_nvenc", 0, "p7", "copy", null, "mkv"), 2))
        .isEmpty();
    assertThat(ProfileRules.problems(profile("copy", null, null, "copy", null, "mkv"), 2))
        .isEmpty();
  }

  @Test
  void shouldNameEveryBadFieldAtOnce() {
    var problems = ProfileRules.problems(profile("libx264", 52, "p4", "mp3", null, "avi"), 2);

    assertThat(problems).containsOnlyKeys("quality", "preset", "audioCodec", "container");
    assertThat(problems.get("quality")).contains("0 to 51");
    assertThat(problems.get("preset")).contains("'p4'", "medium");
  }

  @Test
  void shouldRefuseAnUnknownCodecNamingIt() {
    assertThat(ProfileRules.problems(profile("divx", 20, "fast", "copy", null, "mkv"), 2))
        .containsOnlyKeys("videoCodec")
        .extractingByKey("videoCodec")
        .asString()
        .contains("'divx'", "libx265");
  }

  @Test
  void shouldWantABitrateOnlyForEncodedAudio() {
    assertThat(ProfileRules.problems(profile("copy", null, null, "opus", null, "mkv"), 2))
        .containsOnlyKeys("audioBitrateKbps");
    assertThat(ProfileRules.problems(profile("copy", null, null, "opus", 600, "mkv"), 2))
        .containsOnlyKeys("audioBitrateKbps");
    assertThat(ProfileRules.problems(profile("copy", null, null, "copy", 128, "mkv"), 2))
        .containsOnlyKeys("audioBitrateKbps");
  }

  @Test
  void shouldCheckOverridesAgainstTheHost() {
    var input =
        new ProfileInput(
            "p", "copy", null, null, "copy", null, "mkv", 49, 101, 100, 20, "0-7", true, false,
            null, null, null, null, null, null, null, null, null, null, null, null);

    assertThat(ProfileRules.problems(input, 4))
        .containsOnlyKeys(
            "cpuThreshold", "memoryThreshold", "niceLevel", "cpuAffinity", "skipIfTargetCodec");
  }

  private static ProfileInput languages(List<String> audio, List<String> subtitles) {
    return new ProfileInput(
        "p", "copy", null, null, "copy", null, "mkv", null, null, null, null, null, null, null,
        audio, subtitles, true, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void shouldTakeBibliographicAndTerminologyLanguageCodesInAnyCase() {
    assertThat(ProfileRules.problems(languages(List.of("eng", "fre", "FRA", "ger"), null), 2))
        .isEmpty();
    assertThat(ProfileRules.problems(languages(List.of(), List.of("deu", "und")), 2)).isEmpty();
  }

  @Test
  void shouldRefuseUnknownLanguageCodesNamingTheField() {
    assertThat(ProfileRules.problems(languages(List.of("eng", "english"), List.of("xx")), 2))
        .containsOnlyKeys("audioLanguages", "subtitleLanguages")
        .extractingByKey("audioLanguages")
        .asString()
        .contains("'english'", "ISO 639-2");
    assertThat(ProfileRules.problems(languages(Arrays.asList("eng", null), null), 2))
        .containsOnlyKeys("audioLanguages");
  }

  @Test
  void shouldNameABadOutputModeRecycleDaysAndMinimumSaving() {
    var input =
        new ProfileInput(
            "p", "copy", null, null, "copy", null, "mkv", null, null, null, null, null, null, null,
            null, null, null, null, "REPLACE", -1, 100, null, null, null, null, null);

    var problems = ProfileRules.problems(input, 2);

    assertThat(problems).containsOnlyKeys("outputMode", "recycleDays", "minSavingsPercent");
    assertThat(problems.get("outputMode")).contains("'REPLACE'", "[beside, replace]");
  }

  @Test
  void shouldAcceptReplaceWithoutRecycleAndAMinimumSaving() {
    var input =
        new ProfileInput(
            "p", "copy", null, null, "copy", null, "mkv", null, null, null, null, null, null, null,
            null, null, null, null, "replace", 0, 10, false, null, null, null, null);

    assertThat(ProfileRules.problems(input, 2)).isEmpty();
  }

  @Test
  void shouldNameChunkLengthsOutOfBounds() {
    var input =
        new ProfileInput(
            "p", "libx264", 23, "fast", "copy", null, "mkv", null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, true, 5, -1, null, null);

    var problems = ProfileRules.problems(input, 2);

    assertThat(problems).containsOnlyKeys("segmentSeconds", "segmentAboveSeconds");
    assertThat(problems.get("segmentSeconds")).contains("10 to 3600");
    assertThat(problems.get("segmentAboveSeconds")).contains("0 (every film)");
  }

  private static ProfileInput onDevice(
      String video, Integer quality, String preset, String device) {
    return new ProfileInput(
        "p", video, quality, preset, "copy", null, "mkv", null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, device);
  }

  @Test
  void shouldTakeVaapiAndQuickSyncOnTheirOwnScalesAndDevices() {
    assertThat(ProfileRules.problems(onDevice("hevc_vaapi", 24, null, null), 2)).isEmpty();
    assertThat(ProfileRules.problems(onDevice("av1_vaapi", 120, null, "/dev/dri/renderD129"), 2))
        .isEmpty();
    assertThat(ProfileRules.problems(onDevice("hevc_qsv", 25, "slower", "/dev/dri/card0"), 2))
        .isEmpty();
    assertThat(ProfileRules.problems(onDevice("hevc_vaapi", 53, "medium", "/dev/sda"), 2))
        .containsOnlyKeys("quality", "preset", "device")
        .satisfies(
            p -> {
              assertThat(p.get("preset")).contains("has no presets");
              assertThat(p.get("device")).contains("not a DRM node");
            });
    assertThat(ProfileRules.problems(onDevice("h264_qsv", 0, "p4", null), 2))
        .containsOnlyKeys("quality", "preset");
    assertThat(ProfileRules.problems(onDevice("libx264", 23, "fast", "/dev/dri/renderD128"), 2))
        .containsOnlyKeys("device")
        .extractingByKey("device")
        .asString()
        .contains("libx264 takes none");
  }
}
