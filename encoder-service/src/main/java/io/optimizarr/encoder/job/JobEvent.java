package io.optimizarr.encoder.job;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of a job's timeline. */
@Entity
@Table(name = "job_event")
public class JobEvent extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "job_id")
  public Long jobId;

  public Instant at;
  public String type;
  public String message;

  public static JobEvent of(long jobId, String type, String message) {
    var event = new JobEvent();
    event.jobId = jobId;
    event.at = Instant.now();
    event.type = type;
    event.message = message;
    return event;
  }
}
