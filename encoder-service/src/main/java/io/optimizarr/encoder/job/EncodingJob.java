package io.optimizarr.encoder.job;

import io.optimizarr.model.JobStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A row of {@code encoding_job}. */
@Entity
@Table(name = "encoding_job")
public class EncodingJob extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "input_path")
  public String inputPath;

  @Column(name = "output_path")
  public String outputPath;

  @Column(name = "profile_id")
  public Long profileId;

  public int priority;
  public boolean overwrite;

  @Enumerated(EnumType.STRING)
  public JobStatus status;

  @Column(name = "status_reason")
  public String statusReason;

  @Column(name = "progress_percent")
  public double progressPercent;

  public Double fps;
  public Double speed;

  @Column(name = "eta_seconds")
  public Long etaSeconds;

  @Column(name = "duration_seconds")
  public Double durationSeconds;

  public String node;
  public Long pid;
  public int attempts;
  public String error;

  @Column(name = "cpu_percent")
  public Double cpuPercent;

  @Column(name = "memory_bytes")
  public Long memoryBytes;

  @Column(name = "peak_cpu_percent")
  public Double peakCpuPercent;

  @Column(name = "peak_memory_bytes")
  public Long peakMemoryBytes;

  @Column(name = "paused_seconds")
  public double pausedSeconds;

  @Column(name = "ignore_thresholds")
  public boolean ignoreThresholds;

  @Column(name = "manual_pause")
  public boolean manualPause;

  @Column(name = "created_at", updatable = false)
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Version public int version;
}
