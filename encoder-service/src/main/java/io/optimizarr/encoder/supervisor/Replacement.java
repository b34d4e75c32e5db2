package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.OriginalState;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.encoder.queue.ReplaceStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts a replace-mode job's checked output in its input's place as a journaled sequence: the new
 * file gets the original's attributes and is synced; then, each step written to the job's row
 * before it is made ({@link ReplaceStep}), the original moves to the root's recycle folder, the new
 * file moves into its place, and (recycle days 0) the original is deleted; every rename without
 * replacing anything ({@link NoReplaceMove}) and followed by a sync of the folders. Each step looks
 * at the disk first, so the same sequence continues a replace a crash cut short ({@link #resume}):
 * a step already made is not made again, and a new file that is missing or not the size that was
 * checked is never put in place — the original goes back instead.
 */
final class Replacement {

  /**
   * The files of one replace: the input (the original's place), the output (the same name, or the
   * new extension's), the checked new file in the work folder, where the original is kept, and the
   * sizes of both.
   */
  record Plan(
      long jobId,
      Path input,
      Path output,
      Path temporary,
      Path recycled,
      int recycleDays,
      long inputBytes,
      long outputBytes) {}

  private final JobQueue queue;
  private final MediaPaths paths;
  private final ReplacePause pause;
  private final Clock clock;

  Replacement(JobQueue queue, MediaPaths paths, ReplacePause pause, Clock clock) {
    this.queue = queue;
    this.paths = paths;
    this.pause = pause;
    this.clock = clock;
  }

  /** Replaces the input of a job whose output {@code temporary} passed its checks. */
  Outcome replace(
      EncodeRun.Job job, Path temporary, long inputBytes, long outputBytes, JobWrites writes)
      throws InterruptedException {
    Optional<Path> root = paths.mediaRootOf(job.input());
    if (root.isEmpty()) {
      return new Outcome.Failed("the input lies in no media root; it is not replaced", "");
    }
    var files =
        new Plan(
            job.id(),
            job.input(),
            job.output(),
            temporary,
            ReplaceFiles.recyclePath(root.get(), job.input()),
            job.recycleDays(),
            inputBytes,
            outputBytes);
    long inode;
    try {
      if (ReplaceFiles.present(files.recycled())) {
        return new Outcome.Failed(
            "an earlier original of this file is in the recycle folder at "
                + files.recycled()
                + "; restore or remove it first (the input is as it was)",
            "");
      }
      ReplaceFiles.makeRecycleFolders(root.get(), files.recycled().getParent(), temporary);
      ReplaceFiles.copyAttributes(job.input(), temporary);
      ReplaceFiles.sync(temporary);
      ReplaceFiles.syncFolder(temporary.getParent());
      inode = ReplaceFiles.inode(temporary);
    } catch (IOException e) {
      return new Outcome.Failed(
          "the output could not be made ready to replace the input (the input is as it was)",
          e.toString());
    }
    pause.at(ReplacePoint.CHECKED, job.id());
    boolean begun =
        writes.persist(
            () -> queue.beginReplace(job.id(), files.recycled(), inputBytes, outputBytes, inode));
    if (!begun) {
      return new Outcome.Failed("the job stopped running before its replace began", "");
    }
    pause.at(ReplacePoint.RECYCLE_WRITTEN, job.id());
    return from(files, ReplaceStep.RECYCLE, writes, false);
  }

  /**
   * Completes, or undoes, a replace a crash cut short at {@code step} (the last step written). A
   * new file that is missing or not the size checked puts the original back and requeues the job.
   */
  Outcome resume(Plan files, ReplaceStep step, JobWrites writes) throws InterruptedException {
    return from(files, step, writes, true);
  }

  private Outcome from(Plan f, ReplaceStep step, JobWrites writes, boolean afterCrash)
      throws InterruptedException {
    long id = f.jobId();
    ReplaceStep at = step;
    try {
      if (at == ReplaceStep.RECYCLE) {
        boolean recycled = !ReplaceFiles.present(f.input()) && ReplaceFiles.present(f.recycled());
        if (!recycled) {
          if (!ReplaceFiles.present(f.input())) {
            return new Outcome.Failed(
                "the input was removed during its replace; the new file is not put in its place",
                "");
          }
          if (!intact(f)) {
            return new Outcome.Requeued(
                "the checked output was lost before the replace began; the input is as it was",
                true);
          }
          try {
            NoReplaceMove.move(f.input(), f.recycled());
          } catch (IOException e) {
            return new Outcome.Failed(
                "the original could not be moved to the recycle folder "
                    + f.recycled()
                    + "; it is where it was",
                e.toString());
          }
          ReplaceFiles.syncFolder(f.recycled().getParent());
          ReplaceFiles.syncFolder(f.input().getParent());
        }
        pause.at(ReplacePoint.RECYCLE_DONE, id);
        writes.persist(() -> queue.replaceStep(id, ReplaceStep.PLACE));
        pause.at(ReplacePoint.PLACE_WRITTEN, id);
        at = ReplaceStep.PLACE;
      }
      if (at == ReplaceStep.PLACE) {
        if (ReplaceFiles.present(f.temporary())) {
          if (!intact(f)) {
            return undo(f, "the new file is not the size that was checked", afterCrash);
          }
          try {
            NoReplaceMove.move(f.temporary(), f.output());
          } catch (IOException e) {
            return undo(f, "the new file could not be put in place: " + e.getMessage(), false);
          }
          ReplaceFiles.syncFolder(f.output().getParent());
          ReplaceFiles.syncFolder(f.temporary().getParent());
        } else if (!ReplaceFiles.present(f.output())) {
          return undo(f, "the new file is gone from its work folder", afterCrash);
        }
        pause.at(ReplacePoint.PLACE_DONE, id);
        if (f.recycleDays() == 0) {
          writes.persist(() -> queue.replaceStep(id, ReplaceStep.DELETE_ORIGINAL));
          pause.at(ReplacePoint.DELETE_ORIGINAL_WRITTEN, id);
          at = ReplaceStep.DELETE_ORIGINAL;
        }
      }
      if (at == ReplaceStep.DELETE_ORIGINAL) {
        Files.deleteIfExists(f.recycled());
        ReplaceFiles.syncFolder(f.recycled().getParent());
        pause.at(ReplacePoint.DELETE_ORIGINAL_DONE, id);
      }
    } catch (IOException e) {
      return new Outcome.Failed(
          "the replace stopped at step " + at + "; see the timeline", e.toString());
    }
    Instant until =
        f.recycleDays() == 0 ? null : clock.instant().plus(Duration.ofDays(f.recycleDays()));
    if (at != ReplaceStep.DONE) {
      OriginalState original = until == null ? OriginalState.DELETED : OriginalState.RECYCLED;
      writes.persist(() -> queue.replaceDone(id, original, until));
      pause.at(ReplacePoint.DONE_WRITTEN, id);
    }
    return new Outcome.Completed(
        "output checked and put in the place of the input as "
            + f.output()
            + (until == null
                ? "; the original deleted (recycleDays 0)"
                : "; the original kept at " + f.recycled() + " for " + f.recycleDays() + " days"),
        f.inputBytes(),
        f.outputBytes());
  }

  /** The new file waits in the work folder, a real file of the size that was checked. */
  private static boolean intact(Plan f) throws IOException {
    return Files.isRegularFile(f.temporary(), LinkOption.NOFOLLOW_LINKS)
        && Files.size(f.temporary()) == f.outputBytes();
  }

  /**
   * Puts the original back in its place from the recycle folder: the replace did not happen. After
   * a crash the job is requeued (the encode is done again); else it fails with the reason.
   */
  private static Outcome undo(Plan f, String why, boolean requeue) throws IOException {
    try {
      NoReplaceMove.move(f.recycled(), f.input());
    } catch (IOException e) {
      return new Outcome.Failed(
          why + "; the original could not be put back and is kept at " + f.recycled(),
          e.toString());
    }
    ReplaceFiles.syncFolder(f.input().getParent());
    ReplaceFiles.syncFolder(f.recycled().getParent());
    String message = "the replace was undone (" + why + "); the original is back at " + f.input();
    return requeue ? new Outcome.Requeued(message, true) : new Outcome.Failed(message, "");
  }
}
