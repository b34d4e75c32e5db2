package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.process.OwnProcess;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.queue.JobChunks;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.LeftReplacing;
import io.optimizarr.encoder.queue.LeftRunning;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.proc.ProcFs;
import io.quarkus.logging.Log;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * At start, before claiming anything: every job this node left PROCESSING or PAUSED lost its
 * supervisor. A left-over ffmpeg of that job (its pid, and its command line naming a temporary file
 * in one of the job's work folders) is continued and terminated, the work folders removed, and the
 * job requeued with one more attempt; its finished chunks stay for the next run. Before those, a
 * job left REPLACING has its replace completed or undone from its journal's last step ({@link
 * Replacement#resume}) — its work folder, which may hold the new file, is removed only after that —
 * and a restore left half done is completed or undone ({@link Restoration#resume}).
 */
final class Reconciler {

  private final JobQueue queue;
  private final JobChunks chunks;
  private final ProcessControl control;
  private final String node;
  private final Replacement replacement;
  private final Restoration restoration;

  Reconciler(
      JobQueue queue,
      JobChunks chunks,
      ProcessControl control,
      String node,
      Replacement replacement,
      Restoration restoration) {
    this.queue = queue;
    this.chunks = chunks;
    this.control = control;
    this.node = node;
    this.replacement = replacement;
    this.restoration = restoration;
  }

  void reconcile() {
    for (JobChunks.Held chunk : chunks.giveBackHeldBy(node).await().atMost(Await.DATABASE)) {
      // A shared chunk this node was encoding for another node's run: given back for anyone.
      List<Path> folders = WorkFolder.leftByChunk(chunk.output(), chunk.jobId(), chunk.token());
      endIfLeftOver(chunk.pid(), folders);
      folders.forEach(WorkFolder::removeTree);
      Log.infof("Job %d: a chunk this node was encoding is given back", chunk.jobId());
    }
    for (LeftReplacing job : queue.replacingOn(node).await().atMost(Await.DATABASE)) {
      finishReplace(job);
    }
    queue.restoringOn(node).await().atMost(Await.DATABASE).forEach(restoration::resume);
    for (LeftRunning job : queue.runningOn(node).await().atMost(Await.DATABASE)) {
      // Only this claim's folders: another node may take the job meanwhile and make its own.
      List<Path> folders = WorkFolder.leftBy(job.claim(), Path.of(job.outputPath()));
      endIfLeftOver(job.pid(), folders);
      folders.forEach(WorkFolder::removeTree);
      var status =
          queue
              .record(
                  job.claim(),
                  new Outcome.Requeued("node " + node + " restarted while running it", true))
              .await()
              .atMost(Await.DATABASE);
      if (status != null && status.isFinished()) {
        // Out of attempts: nothing will resume its chunks.
        ChunkStore.removeFor(Path.of(job.outputPath()), job.id());
      }
      Log.infof("Job %d, left running by an earlier run of this node: now %s", job.id(), status);
    }
  }

  /** Completes or undoes the replace, then removes the job's work folders and records it. */
  private void finishReplace(LeftReplacing job) {
    List<Path> folders = WorkFolder.leftBy(job.id(), job.output());
    Path temporary =
        folders.stream()
            .map(folder -> folder.resolve(job.output().getFileName() + ".part"))
            .filter(ReplaceFiles::present)
            .findFirst()
            .orElse(job.output().resolveSibling(".no-work-folder-left"));
    var plan =
        new Replacement.Plan(
            job.id(),
            job.input(),
            job.output(),
            temporary,
            job.recycledPath(),
            job.recycleDays(),
            job.inputBytes(),
            job.outputBytes(),
            job.outputInode(),
            job.claim());
    Outcome outcome;
    try {
      outcome = replacement.resume(plan, job.step(), new JobWrites(job.id()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Replacement.CutShort e) {
      Log.errorf(
          e, "Job %d stays REPLACING, its work folder kept; the next start tries again", job.id());
      return;
    }
    folders.forEach(WorkFolder::removeTree);
    ChunkStore.removeFor(job.output(), job.id());
    var status = queue.record(job.claim(), outcome).await().atMost(Await.DATABASE);
    Log.infof(
        "Job %d, left replacing at step %s by an earlier run of this node: now %s (%s)",
        job.id(), job.step(), status, outcome);
  }

  /** Ends the process of {@code pid} if it is a left-over ffmpeg writing into {@code folders}. */
  private void endIfLeftOver(Long pid, List<Path> folders) {
    Optional<OwnProcess> leftOver = pid == null ? Optional.empty() : OwnProcess.at(pid);
    if (leftOver.isPresent() && writesInto(pid, folders)) {
      endLeftOver(leftOver.get());
    }
  }

  /**
   * Whether the process's arguments name a file in one of {@code folders}: our ffmpeg, not a pid
   * reused.
   */
  private static boolean writesInto(long pid, List<Path> folders) {
    return ProcFs.host().commandLine(pid).stream()
        .anyMatch(arg -> folders.stream().anyMatch(folder -> arg.startsWith(folder + "/")));
  }

  /**
   * Continues and terminates the process, killing it after 10 s; each signal goes only to the
   * process that was checked (its start time), never to a pid reused after it exited.
   */
  private void endLeftOver(OwnProcess process) {
    control.resume(process);
    control.terminate(process);
    for (int i = 0; i < 100 && process.isAlive(); i++) {
      sleep();
    }
    control.kill(process);
    Log.infof("Ended left-over ffmpeg pid %d", process.pid());
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
