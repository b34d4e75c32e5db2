package io.optimizarr.encoder.profile;

import io.optimizarr.encoder.ffmpeg.AudioCodec;
import io.optimizarr.encoder.ffmpeg.Container;
import io.optimizarr.encoder.ffmpeg.EncodeSettings;
import io.optimizarr.encoder.ffmpeg.StreamRules;
import io.optimizarr.encoder.ffmpeg.VideoCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A row of {@code encoding_profile}; its fields are checked by {@link ProfileRules}. */
@Entity
@Table(name = "encoding_profile")
public class EncodingProfile extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  @Column(name = "video_codec")
  public String videoCodec;

  public Integer quality;
  public String preset;

  @Column(name = "audio_codec")
  public String audioCodec;

  @Column(name = "audio_bitrate_kbps")
  public Integer audioBitrateKbps;

  public String container;

  @Column(name = "cpu_threshold")
  public Integer cpuThreshold;

  @Column(name = "memory_threshold")
  public Integer memoryThreshold;

  @Column(name = "gpu_threshold")
  public Integer gpuThreshold;

  @Column(name = "nice_level")
  public Integer niceLevel;

  @Column(name = "cpu_affinity")
  public String cpuAffinity;

  /** Whether an input whose video is already in this profile's codec is skipped, not encoded. */
  @Column(name = "skip_if_target_codec")
  public boolean skipIfTargetCodec;

  /** Whether an output larger than its input is thrown away (the job SKIPPED, the input kept). */
  @Column(name = "discard_larger_output")
  public boolean discardLargerOutput;

  /** Audio languages to keep, ISO 639-2 codes separated by commas; null keeps every track. */
  @Column(name = "audio_languages")
  public String audioLanguages;

  /** Subtitle languages to keep, as {@link #audioLanguages}. */
  @Column(name = "subtitle_languages")
  public String subtitleLanguages;

  /** Whether a plan that drops streams the profile did not ask to drop may go ahead. */
  @Column(name = "allow_stream_drops")
  public boolean allowStreamDrops;

  /** Whether outputs are decoded in full before they are kept; null: the default. */
  @Column(name = "thorough_check")
  public Boolean thoroughCheck;

  /** {@code beside} or {@code replace} ({@link io.optimizarr.encoder.queue.OutputMode}). */
  @Column(name = "output_mode")
  public String outputMode = "beside";

  /** How many days a replaced original stays in the recycle folder; 0 deletes it at once. */
  @Column(name = "recycle_days")
  public int recycleDays = 7;

  /** A result saving less than this share of the input is discarded (null: any saving is kept). */
  @Column(name = "min_savings_percent")
  public Integer minSavingsPercent;

  /** Whether long films are encoded in chunks that a later run resumes (issue 19). */
  @Column(name = "segmented")
  public boolean segmented = true;

  /** About how long each chunk is, in seconds of the film. */
  @Column(name = "segment_seconds")
  public int segmentSeconds = ProfileRules.DEFAULT_SEGMENT_SECONDS;

  /** Films at least this long are encoded in chunks; 0: every film. */
  @Column(name = "segment_above_seconds")
  public int segmentAboveSeconds = ProfileRules.DEFAULT_SEGMENT_ABOVE_SECONDS;

  /** Whether every node with room may encode chunks of a segmented encode (issue 19, V18). */
  @Column(name = "share_chunks")
  public boolean shareChunks;

  /** The render node of a VAAPI or Quick Sync profile; null: {@link VideoCodec#DEFAULT_DEVICE}. */
  public String device;

  @Column(name = "created_at", insertable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public int version;

  /** The profile of that id (null when there is none), in a session of its own if need be. */
  public static Uni<EncodingProfile> byId(long id) {
    return Panache.withSession(() -> findById(id));
  }

  /** The stream rules this profile sets. */
  public StreamRules streamRules() {
    return new StreamRules(
        languages(audioLanguages), languages(subtitleLanguages), allowStreamDrops);
  }

  /** A stored list of codes as a list; null and empty are both every language. */
  static List<String> languages(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
  }

  /** A list of codes as stored: lower case, joined by commas; null for every language. */
  static String stored(List<String> codes) {
    return codes == null || codes.isEmpty()
        ? null
        : String.join(",", codes.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList());
  }

  /** The validated encode this profile describes. */
  public EncodeSettings settings() {
    return new EncodeSettings(
        VideoCodec.byName(videoCodec).orElseThrow(),
        quality,
        preset,
        AudioCodec.byName(audioCodec).orElseThrow(),
        audioBitrateKbps,
        Container.byName(container).orElseThrow(),
        device);
  }
}
