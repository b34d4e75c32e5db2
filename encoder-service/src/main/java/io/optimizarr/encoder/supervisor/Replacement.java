package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.queue.Claim;
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
 * Puts a replace-mode job's checked output in its input's place as a journaled sequence. First the
 * new file gets the original's attributes and is synced with its work folder; then, each step
 * written to the job's row before it is made ({@link ReplaceStep}): the new file takes the input's
 * place (beside it under a new extension, without replacing anything; under the same name, swapped
 * with the original in one step, which lands in the private work folder), the original moves to the
 * root's recycle folder, and (recycle days 0) is deleted. Every step is followed by a sync of the
 * folders it changed, so the input's place is never empty and the original leaves it only for a new
 * file that was checked and is on disk. Each step looks at the disk first, so the same sequence
 * continues a replace a crash cut short ({@link #resume}): a step already made is not made again,
 * and a new file that is missing or not the one checked (size, inode) is never put in place.
 */
final class Replacement {

  /**
   * The files of one replace: the input (the original's place), the output (the same name, or the
   * new extension's), the checked new file in the work folder, where the original is kept, the
   * sizes of both and the new file's inode.
   */
  record Plan(
      long jobId,
      Path input,
      Path output,
      Path temporary,
      Path recycled,
      int recycleDays,
      long inputBytes,
      long outputBytes,
      long outputInode,
      Claim claim) {

    boolean sameName() {
      return output.equals(input);
    }

    /** Where the original is once the new file is in place: swapped into the work folder. */
    Path originalOncePlaced() {
      return sameName() ? temporary : input;
    }
  }

  /**
   * A replace stopped between two steps by an I/O error or a database away for too long: the job
   * stays REPLACING and its work folder stays, for the next start to complete or undo.
   */
  static final class CutShort extends RuntimeException {
    CutShort(long jobId, ReplaceStep step, Exception cause) {
      super("the replace of job " + jobId + " stopped at step " + step, cause);
    }
  }

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
      EncodeRun.Job job,
      Claim claim,
      Path temporary,
      long inputBytes,
      long outputBytes,
      JobWrites writes)
      throws InterruptedException {
    Optional<Path> root = paths.mediaRootOf(job.input());
    if (root.isEmpty()) {
      return new Outcome.Failed("the input lies in no media root; it is not replaced", "");
    }
    Path recycled = ReplaceFiles.recyclePath(root.get(), job.input());
    long inode;
    try {
      if (ReplaceFiles.present(recycled)) {
        return new Outcome.Failed(
            "an earlier original of this file is in the recycle folder at "
                + recycled
                + "; restore or remove it first (the input is as it was)",
            "");
      }
      ReplaceFiles.makeRecycleFolders(root.get(), recycled.getParent(), temporary);
      if (!ReplaceFiles.sameFileSystem(recycled.getParent(), job.input().getParent())) {
        return new Outcome.Failed(
            "the recycle folder "
                + recycled.getParent()
                + " is on another file system than the input (the input is as it was)",
            "");
      }
      ReplaceFiles.copyAttributes(job.input(), temporary);
      ReplaceFiles.sync(temporary);
      ReplaceFiles.syncFolder(temporary.getParent());
      inode = ReplaceFiles.inode(temporary);
    } catch (IOException e) {
      return new Outcome.Failed(
          "the output could not be made ready to replace the input (the input is as it was)",
          e.toString());
    }
    var plan =
        new Plan(
            job.id(),
            job.input(),
            job.output(),
            temporary,
            recycled,
            job.recycleDays(),
            inputBytes,
            outputBytes,
            inode,
            claim);
    pause.at(ReplacePoint.CHECKED, job.id());
    boolean begun =
        writes.persist(() -> queue.beginReplace(claim, recycled, inputBytes, outputBytes, inode));
    if (!begun) {
      return new Outcome.Failed("the job stopped running before its replace began", "");
    }
    pause.at(ReplacePoint.PLACE_WRITTEN, job.id());
    return from(plan, ReplaceStep.PLACE, writes, false);
  }

  /**
   * Completes, or undoes, a replace a crash cut short at {@code step} (the last step written). A
   * new file that is missing or not the one checked is not put in place, and the job is requeued.
   */
  Outcome resume(Plan plan, ReplaceStep step, JobWrites writes) throws InterruptedException {
    return from(plan, step, writes, true);
  }

  private Outcome from(Plan f, ReplaceStep step, JobWrites writes, boolean afterCrash)
      throws InterruptedException {
    long id = f.jobId();
    ReplaceStep at = step;
    try {
      if (at == ReplaceStep.PLACE) {
        if (!placed(f)) {
          Optional<Outcome> notPlaced = place(f, afterCrash);
          if (notPlaced.isPresent()) {
            return notPlaced.get();
          }
        }
        pause.at(ReplacePoint.PLACE_DONE, id);
        writes.persist(() -> queue.replaceStep(f.claim(), ReplaceStep.RECYCLE));
        pause.at(ReplacePoint.RECYCLE_WRITTEN, id);
        at = ReplaceStep.RECYCLE;
      }
      if (at == ReplaceStep.RECYCLE) {
        Path original = f.originalOncePlaced();
        boolean recycled = !ReplaceFiles.present(original) && ReplaceFiles.present(f.recycled());
        if (!recycled) {
          try {
            NoReplaceMove.move(original, f.recycled());
          } catch (IOException e) {
            return unplace(f, "the original could not be moved to the recycle folder: " + e);
          }
          ReplaceFiles.syncFolder(f.recycled().getParent());
          ReplaceFiles.syncFolder(original.getParent());
        }
        pause.at(ReplacePoint.RECYCLE_DONE, id);
        if (f.recycleDays() == 0) {
          writes.persist(() -> queue.replaceStep(f.claim(), ReplaceStep.DELETE_ORIGINAL));
          pause.at(ReplacePoint.DELETE_ORIGINAL_WRITTEN, id);
          at = ReplaceStep.DELETE_ORIGINAL;
        }
      }
      if (at == ReplaceStep.DELETE_ORIGINAL) {
        Files.deleteIfExists(f.recycled());
        ReplaceFiles.syncFolder(f.recycled().getParent());
        pause.at(ReplacePoint.DELETE_ORIGINAL_DONE, id);
      }
    } catch (IOException | RuntimeException e) {
      // The files may be between two steps (under the same name, the original in the work folder):
      // nothing is recorded or removed now; the next start completes or undoes the replace.
      throw new CutShort(id, at, e);
    }
    Instant until =
        f.recycleDays() == 0 ? null : clock.instant().plus(Duration.ofDays(f.recycleDays()));
    if (at != ReplaceStep.DONE) {
      OriginalState original = until == null ? OriginalState.DELETED : OriginalState.RECYCLED;
      try {
        writes.persist(() -> queue.replaceDone(f.claim(), original, until));
      } catch (RuntimeException e) {
        throw new CutShort(id, at, e);
      }
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

  /**
   * Moves the checked new file into the input's place; what stops it, if anything. Nothing is in
   * place otherwise: the input is as it was.
   */
  private static Optional<Outcome> place(Plan f, boolean afterCrash) throws IOException {
    if (!intact(f)) {
      String why = "the checked output was lost before it was put in place; the input is as it was";
      return Optional.of(
          afterCrash ? new Outcome.Requeued(why, true) : new Outcome.Failed(why, ""));
    }
    try {
      if (f.sameName()) {
        NoReplaceMove.exchange(f.temporary(), f.input());
        if (!isOriginal(f, f.temporary())) {
          // What was swapped out is not the input that was checked: someone put it there.
          NoReplaceMove.exchange(f.temporary(), f.input());
          return Optional.of(
              new Outcome.Failed(
                  "the input was changed during the replace; nothing was replaced", ""));
        }
      } else {
        NoReplaceMove.move(f.temporary(), f.output());
      }
    } catch (IOException e) {
      return Optional.of(
          new Outcome.Failed(
              "the new file could not be put in place; the input is as it was", e.toString()));
    }
    ReplaceFiles.syncFolder(f.output().getParent());
    ReplaceFiles.syncFolder(f.temporary().getParent());
    return Optional.empty();
  }

  /** Whether the new file, by its inode, is at the output's name. */
  private static boolean placed(Plan f) throws IOException {
    return Files.isRegularFile(f.output(), LinkOption.NOFOLLOW_LINKS)
        && ReplaceFiles.inode(f.output()) == f.outputInode();
  }

  /** The new file waits in the work folder: the real file that was checked, by size and inode. */
  private static boolean intact(Plan f) throws IOException {
    return Files.isRegularFile(f.temporary(), LinkOption.NOFOLLOW_LINKS)
        && Files.size(f.temporary()) == f.outputBytes()
        && ReplaceFiles.inode(f.temporary()) == f.outputInode();
  }

  /** Whether {@code file} is a real file of the input's size: the original, not a stand-in. */
  private static boolean isOriginal(Plan f, Path file) throws IOException {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && Files.size(file) == f.inputBytes();
  }

  /**
   * Takes the new file out of the input's place again, the original staying or going back there:
   * the replace did not happen, and the job fails saying why.
   */
  private static Outcome unplace(Plan f, String why) throws IOException {
    if (f.sameName()) {
      NoReplaceMove.exchange(f.temporary(), f.input());
    } else {
      Files.deleteIfExists(f.output());
    }
    ReplaceFiles.syncFolder(f.input().getParent());
    return new Outcome.Failed(
        "the replace was undone (" + why + "); the original is as it was at " + f.input(), "");
  }
}
