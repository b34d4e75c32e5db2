package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.queue.OriginalState;
import io.optimizarr.encoder.queue.Recycled;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Puts a replace-mode job's original back from the recycle folder, and removes the encode's output
 * that took its place — only while it is still the file the job wrote (its inode and size);
 * otherwise, or when the original is gone, it refuses and says why. Journaled on the job's row like
 * the replace ({@code RESTORING} before the files move, {@code RESTORED} after), so that a start
 * completes or undoes a restore a crash cut short ({@link #resume}). Blocking: call it off the
 * event loop.
 */
@ApplicationScoped
public class Restoration {

  /** How a restore ended. */
  public sealed interface Result {}

  /** The original is back in its place. */
  public record Restored(String message) implements Result {}

  /** Nothing was changed; {@code why} says what stands in the way. */
  public record Refused(String why) implements Result {}

  private final JobQueue queue;
  private final NodeIdentity node;
  private final ReplacePause pause;

  Restoration(JobQueue queue, NodeIdentity node, EncoderConfig config) {
    this.queue = queue;
    this.node = node;
    this.pause = new ReplacePause(config.test().pauseReplaceAt());
  }

  /** Restores the original of job {@code id}; empty when there is no such job. */
  public Optional<Result> restore(long id) {
    Optional<Recycled> found = queue.recycled(id).await().atMost(Await.DATABASE);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Recycled job = found.get();
    Optional<String> why = refusal(job);
    if (why.isEmpty()) {
      why = filesRefusal(job);
    }
    if (why.isPresent()) {
      return Optional.of(new Refused(why.get()));
    }
    if (!queue
        .markOriginal(id, OriginalState.RECYCLED, OriginalState.RESTORING, node.name(), null)
        .await()
        .atMost(Await.DATABASE)) {
      return Optional.of(new Refused("the original of job " + id + " is being restored already"));
    }
    try {
      pause.at(ReplacePoint.RESTORE_WRITTEN, id);
      putBack(job);
      pause.at(ReplacePoint.RESTORE_DONE, id);
    } catch (InterruptedException e) {
      // Only a stopping service interrupts: the next start completes or undoes the restore.
      Thread.currentThread().interrupt();
      return Optional.of(new Refused("the service is stopping; the restore is finished at start"));
    } catch (IOException e) {
      queue
          .markOriginal(id, OriginalState.RESTORING, OriginalState.RECYCLED, null, null)
          .await()
          .atMost(Await.DATABASE);
      String message = "the original could not be put back: " + e.getMessage();
      queue.restoreRefused(id, message).await().atMost(Await.DATABASE);
      return Optional.of(new Refused(message));
    }
    String message = restoredMessage(job);
    queue
        .markOriginal(id, OriginalState.RESTORING, OriginalState.RESTORED, null, message)
        .await()
        .atMost(Await.DATABASE);
    return Optional.of(new Restored(message));
  }

  /** Why the job's row says its original cannot be restored, if it does. */
  static Optional<String> refusal(Recycled job) {
    if (job.state() == null) {
      return Optional.of("job " + job.id() + " did not replace its input; there is no original");
    }
    if (job.status() != JobStatus.COMPLETED) {
      return Optional.of("job " + job.id() + " is " + job.status() + "; nothing to restore");
    }
    return switch (job.state()) {
      case RECYCLED -> Optional.empty();
      case RESTORING -> Optional.of("the original of job " + job.id() + " is being restored");
      case RESTORED ->
          Optional.of(
              "the original of job " + job.id() + " was restored already to " + job.input());
      case DELETED ->
          Optional.of(
              "the original of job "
                  + job.id()
                  + " is gone: it was deleted once the new file was in place (recycleDays 0)");
      case SWEPT ->
          Optional.of(
              "the original of job "
                  + job.id()
                  + " is gone: its days in the recycle folder were up and it was swept");
      case GONE ->
          Optional.of("the original of job " + job.id() + " is gone from the recycle folder");
    };
  }

  /** Why the files stand in the way, if they do; an original found missing is recorded so. */
  private Optional<String> filesRefusal(Recycled job) {
    if (!Files.isRegularFile(job.recycledPath(), LinkOption.NOFOLLOW_LINKS)) {
      String why =
          "the original of job "
              + job.id()
              + " is gone: "
              + job.recycledPath()
              + " is not in the recycle folder any more";
      queue
          .markOriginal(job.id(), OriginalState.RECYCLED, OriginalState.GONE, null, why)
          .await()
          .atMost(Await.DATABASE);
      return Optional.of(why);
    }
    Optional<String> why = Optional.empty();
    try {
      Path folder = job.input().getParent();
      if (!folder.toRealPath().equals(folder)) {
        why = Optional.of(folder + " is not the folder it was (a link?); not restored into it");
      } else if (ReplaceFiles.present(job.output()) && !ours(job, job.output())) {
        why =
            Optional.of(
                job.output()
                    + " is no longer the file job "
                    + job.id()
                    + " wrote (changed or replaced since); not restored, nothing changed");
      } else if (!job.output().equals(job.input()) && ReplaceFiles.present(job.input())) {
        why = Optional.of(job.input() + " is taken by another file; not restored over it");
      }
    } catch (IOException e) {
      why = Optional.of("the files of job " + job.id() + " cannot be read: " + e.getMessage());
    }
    why.ifPresent(w -> queue.restoreRefused(job.id(), w).await().atMost(Await.DATABASE));
    return why;
  }

  /** Whether {@code file} is the new file the job put in place: its inode and its size. */
  private static boolean ours(Recycled job, Path file) throws IOException {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && job.outputInode() != null
        && ReplaceFiles.inode(file) == job.outputInode()
        && Files.size(file) == job.outputBytes();
  }

  /**
   * The files move: under the same name, the original and the new file swap in one step and the new
   * file (now in the recycle folder) is deleted; under a new name, the original goes back without
   * replacing anything and the new file is deleted. Never is neither in place.
   */
  private void putBack(Recycled job) throws IOException, InterruptedException {
    boolean sameName = job.output().equals(job.input());
    if (sameName && ReplaceFiles.present(job.output())) {
      NoReplaceMove.exchange(job.recycledPath(), job.input());
      syncBoth(job);
      pause.at(ReplacePoint.RESTORE_SWAPPED, job.id());
      Files.delete(job.recycledPath());
    } else {
      NoReplaceMove.move(job.recycledPath(), job.input());
      syncBoth(job);
      pause.at(ReplacePoint.RESTORE_SWAPPED, job.id());
      if (!sameName) {
        Files.deleteIfExists(job.output());
      }
    }
    syncBoth(job);
  }

  private static void syncBoth(Recycled job) throws IOException {
    ReplaceFiles.syncFolder(job.input().getParent());
    ReplaceFiles.syncFolder(job.recycledPath().getParent());
  }

  private static String restoredMessage(Recycled job) {
    return job.output().equals(job.input())
        ? "the original is back at " + job.input() + "; the encode's output removed"
        : "the original is back at "
            + job.input()
            + "; the encode's output "
            + job.output()
            + " removed";
  }

  /**
   * Completes or undoes a restore a crash cut short: if the original still lies in the recycle
   * folder (not swapped, not moved), the restore is undone; else it is completed.
   */
  void resume(Recycled job) {
    try {
      boolean sameName = job.output().equals(job.input());
      boolean stillThere = ReplaceFiles.present(job.recycledPath());
      if (stillThere && sameName && ours(job, job.recycledPath())) {
        // Swapped: the new file waits in the recycle folder to be deleted.
        Files.delete(job.recycledPath());
        stillThere = false;
      }
      if (stillThere) {
        queue
            .markOriginal(job.id(), OriginalState.RESTORING, OriginalState.RECYCLED, null, null)
            .await()
            .atMost(Await.DATABASE);
        Log.infof("Job %d: a restore cut short was undone; the original stays recycled", job.id());
        return;
      }
      if (!sameName && ReplaceFiles.present(job.output()) && ours(job, job.output())) {
        Files.delete(job.output());
      }
      syncBoth(job);
      queue
          .markOriginal(
              job.id(),
              OriginalState.RESTORING,
              OriginalState.RESTORED,
              null,
              restoredMessage(job) + " (completed at start)")
          .await()
          .atMost(Await.DATABASE);
    } catch (IOException e) {
      Log.errorf("Job %d: a restore cut short could not be completed: %s", job.id(), e);
    }
  }
}
