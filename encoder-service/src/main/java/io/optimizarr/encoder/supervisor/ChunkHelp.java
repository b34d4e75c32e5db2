package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.SegmentPlan;
import io.optimizarr.encoder.ffmpeg.StreamDecision;
import io.optimizarr.encoder.ffmpeg.StreamPlan;
import io.optimizarr.encoder.ffmpeg.StreamPlanner;
import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.media.PathProblem;
import io.optimizarr.encoder.queue.ChunkTask;
import io.optimizarr.encoder.queue.JobChunks;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One chunk of another node's shared encode (issue 19), encoded here on the calling thread, under
 * this node's governor, priority and placement, as a run's own chunk is: the job's paths are
 * checked again, its input probed and planned here, and the chunk's arguments made from the job's
 * profile must come out as the run that offered it made them ({@link ChunkCommand}); the chunk is
 * encoded into a work folder of this take's own, its frames counted, and only if the take still
 * holds it is put whole into the job's chunk folder and recorded. Every {@link #LOOK_EVERY_MILLIS}
 * it looks how the take stands: gone (the job ended, was requeued, or offered its chunks anew) ends
 * the encode; a job paused by hand stops it until resumed. Whatever keeps it from finishing gives
 * the chunk back for another node or the run itself; what says this node cannot encode the job's
 * chunks alike (another plan, no chunk folder of its user, a failed encode) also keeps it from
 * taking more of them. Nothing here writes the job's row: that is its run's.
 */
final class ChunkHelp {

  private static final long LOOK_EVERY_MILLIS = 2_000;

  /** This node cannot encode the job's chunks alike: it gives the chunk back and takes no more. */
  private static final class CannotHelp extends Exception {
    CannotHelp(String message) {
      super(message);
    }
  }

  private final ChunkTask task;
  private final RunningEncode running;
  private final EncodeRun.Job job;
  private final JobChunks chunks;
  private final MediaPaths paths;
  private final MediaProbe probe;
  private final String ffmpeg;
  private final String node;
  private final Consumer<String> cannotHelp;
  private final JobWrites writes;

  /**
   * @param cannotHelp told why, when this node cannot encode the job's chunks alike
   */
  ChunkHelp(
      ChunkTask task,
      RunningEncode running,
      EncodeRun.Job job,
      JobChunks chunks,
      MediaPaths paths,
      MediaProbe probe,
      String ffmpeg,
      String node,
      Consumer<String> cannotHelp) {
    this.task = task;
    this.running = running;
    this.job = job;
    this.chunks = chunks;
    this.paths = paths;
    this.probe = probe.stoppedWhen(running::endRequested);
    this.ffmpeg = ffmpeg;
    this.node = node;
    this.cannotHelp = cannotHelp;
    this.writes = new JobWrites(task.jobId());
  }

  void run() {
    task.lost().ifPresent(lost -> removeLostRun(task, lost));
    WorkFolder work = null;
    String chunk = "job " + task.jobId() + "'s chunk " + (task.index() + 1);
    try {
      work = WorkFolder.forChunk(task.output(), task.jobId(), task.token());
      if (encode(work)) {
        Log.infof("Node %s encoded %s for the job's run", node, chunk);
        return;
      }
      Log.infof("Node %s gave %s back", node, chunk);
      giveBack();
    } catch (CannotHelp e) {
      Log.warnf(
          "Node %s cannot encode %s: %s; it takes no more of them", node, chunk, e.getMessage());
      giveBack();
      cannotHelp.accept(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      giveBack();
    } catch (IOException | RuntimeException e) {
      Log.errorf(e, "Node %s could not encode %s", node, chunk);
      giveBack();
      cannotHelp.accept(e.toString());
    } finally {
      if (work != null) {
        work.remove();
      }
      running.finished.complete(null);
    }
  }

  /**
   * Encodes the chunk and records it; false when the encode was ended before (a release pause, a
   * shutdown, the take gone).
   */
  private boolean encode(WorkFolder work) throws CannotHelp, IOException, InterruptedException {
    StreamDecision film = film();
    var segment =
        new SegmentPlan.Segment(
            task.index(), task.startSeconds(), task.firstFrame(), task.frames());
    if (!ChunkCommand.sha256(job, film, segment).equals(task.argumentsSha256())) {
      throw new CannotHelp(
          "the ffmpeg arguments this node makes for it differ from those of the job's run (another"
              + " ffmpeg build, encoder or input)");
    }
    ChunkStore store = store();
    Path part = ChunkCommand.part(work.folder, task.index());
    if (running.endRequested()) {
      return false;
    }
    long began = System.nanoTime();
    running.releasable(true);
    int exit;
    StderrTail tail;
    try {
      Process process =
          FfmpegCommand.launch(ffmpeg, ChunkCommand.arguments(job, film, segment, part), running);
      writes.persist(() -> chunks.started(task, process.pid()));
      running.applyPriority();
      tail = new StderrTail(process.getErrorStream(), "optimizarr-stderr-chunk-" + task.jobId());
      Thread progress =
          new Thread(
              () -> {
                try {
                  ProgressFollower.silent(running).follow(process, null, null);
                } catch (IOException e) {
                  // The process ended: nothing more to read.
                }
              },
              "optimizarr-chunk-progress-" + task.jobId());
      progress.setDaemon(true);
      progress.start();
      while (!process.waitFor(LOOK_EVERY_MILLIS, TimeUnit.MILLISECONDS)) {
        follow(writes.persist(() -> chunks.standing(task)));
      }
      exit = process.exitValue();
      progress.join(TimeUnit.SECONDS.toMillis(5));
    } finally {
      running.releasable(false);
    }
    if (running.released() || running.endRequested()) {
      return false;
    }
    if (exit != 0) {
      throw new CannotHelp("ffmpeg exited with status " + exit + ": " + tail.text());
    }
    long frames = SegmentedEncode.frames(probe, part).orElse(-1L);
    if (frames != task.frames()) {
      throw new CannotHelp("it came out with " + frames + " frames, not " + task.frames());
    }
    if (writes.persist(() -> chunks.standing(task)) == ChunkTask.Standing.GONE) {
      return false;
    }
    long bytes = store.put(part, task.index());
    double seconds = (System.nanoTime() - began) / 1e9;
    ChunkTask.Recorded recorded = writes.persist(() -> chunks.finished(task, bytes, node, seconds));
    if (recorded == ChunkTask.Recorded.JOB_OVER) {
      // Nobody records the file now; no record of that index exists, so nothing else is lost.
      store.withdraw(task.index());
      return false;
    }
    // TAKE_LOST: this node was judged lost meanwhile; whoever holds the chunk now puts its own.
    return recorded == ChunkTask.Recorded.RECORDED;
  }

  /** Follows how the take stands: gone ends the encode, a job paused by hand stops it. */
  private void follow(ChunkTask.Standing standing) {
    switch (standing) {
      case GONE -> running.cancel();
      case HELD -> running.pause(true);
      case TAKEN -> running.resume(true);
    }
  }

  /** The film's decision in this node's own plan of the job, its paths checked again. */
  private StreamDecision film() throws CannotHelp, IOException {
    try {
      if (!paths.input(job.input().toString()).equals(job.input())) {
        throw new CannotHelp("its input resolves elsewhere here than " + job.input());
      }
    } catch (PathProblem e) {
      throw new CannotHelp(e.getMessage());
    }
    MediaProbe.Media input;
    try {
      input = probe.probeForPlan(job.input());
    } catch (MediaProbe.Unreadable e) {
      throw new CannotHelp("its input cannot be read here: " + e.getMessage());
    }
    StreamPlan plan = StreamPlanner.plan(input, job.settings(), job.streamRules());
    Optional<StreamDecision> film = plan.segmentableFilm();
    if (plan.refused().isPresent() || film.isEmpty()) {
      throw new CannotHelp("the plan this node makes for the job encodes no one film");
    }
    return film.get();
  }

  private ChunkStore store() throws CannotHelp, IOException {
    try {
      return ChunkStore.existing(job.output(), task.jobId());
    } catch (ChunkStore.NotOurs e) {
      throw new CannotHelp(e.getMessage());
    }
  }

  private void giveBack() {
    try {
      writes.persist(() -> chunks.giveBack(task));
    } catch (RuntimeException e) {
      Log.errorf(e, "Job %d: chunk %d could not be given back", task.jobId(), task.index() + 1);
    }
  }

  /**
   * Removes the work folder a lost node's take of the chunk left: the chunk is taken again, and
   * that node no longer holds it.
   */
  static void removeLostRun(ChunkTask task, ChunkTask.Lost lost) {
    List<Path> left = WorkFolder.leftByChunk(task.output(), task.jobId(), lost.token());
    left.forEach(WorkFolder::removeTree);
    if (!left.isEmpty()) {
      Log.infof(
          "Job %d: chunk %d was taken from lost node %s; its work folder is removed",
          task.jobId(), task.index() + 1, lost.node());
    }
  }
}
