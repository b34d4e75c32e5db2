package io.optimizarr.encoder.queue;

/**
 * How a job's run on a node ended. Each outcome is recorded once, by {@link JobQueue#record}, with
 * one timeline entry; what else follows (metrics, alerts) observes the {@link JobFinished} event.
 */
public sealed interface Outcome {

  /** The output was checked and put in place; the sizes are the input's and the output's. */
  record Completed(String message, long inputBytes, long outputBytes) implements Outcome {}

  /**
   * The job cannot be done: {@code reason} for the list, {@code error} (ffmpeg's words) for the
   * page.
   */
  record Failed(String reason, String error) implements Outcome {}

  /** The profile chose not to keep the work; the input is as it was. */
  record Skipped(String reason, String consequence) implements Outcome {}

  /** Cancelled by a user while it ran: ffmpeg ended, its temporary file removed. */
  record Cancelled(String message) implements Outcome {}

  /**
   * Back in the queue ({@code countAttempt}: this run counts against the job's attempts, and a job
   * out of attempts fails instead).
   */
  record Requeued(String message, boolean countAttempt) implements Outcome {}

  /**
   * The job was taken from this node (its lease ran out) and its claim superseded: this run ended
   * its own encode and removed its files, and records nothing, since the job is another run's now.
   */
  record Superseded(String message) implements Outcome {}
}
