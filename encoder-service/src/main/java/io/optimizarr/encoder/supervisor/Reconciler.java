package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.LeftRunning;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.proc.ProcFs;
import io.quarkus.logging.Log;
import java.nio.file.Path;
import java.util.List;

/**
 * At start, before claiming anything: every job this node left PROCESSING or PAUSED lost its
 * supervisor. A left-over ffmpeg of that job (its pid, and its command line naming a temporary file
 * in one of the job's work folders) is continued and terminated, the work folders removed, and the
 * job requeued with one more attempt.
 */
final class Reconciler {

  private final JobQueue queue;
  private final ProcessControl control;
  private final String node;

  Reconciler(JobQueue queue, ProcessControl control, String node) {
    this.queue = queue;
    this.control = control;
    this.node = node;
  }

  void reconcile() {
    for (LeftRunning job : queue.runningOn(node).await().atMost(Await.DATABASE)) {
      List<Path> folders = WorkFolder.leftBy(job.id(), Path.of(job.outputPath()));
      if (job.pid() != null && writesInto(job.pid(), folders)) {
        endLeftOver(job.pid());
      }
      folders.forEach(WorkFolder::removeTree);
      var status =
          queue
              .record(
                  job.id(),
                  new Outcome.Requeued("node " + node + " restarted while running it", true))
              .await()
              .atMost(Await.DATABASE);
      Log.infof("Job %d, left running by an earlier run of this node: now %s", job.id(), status);
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

  private void endLeftOver(long pid) {
    control.resume(pid);
    control.terminate(pid);
    for (int i = 0; i < 100 && !ProcFs.host().commandLine(pid).isEmpty(); i++) {
      sleep();
    }
    if (!ProcFs.host().commandLine(pid).isEmpty()) {
      control.kill(pid);
    }
    Log.infof("Ended left-over ffmpeg pid %d", pid);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
