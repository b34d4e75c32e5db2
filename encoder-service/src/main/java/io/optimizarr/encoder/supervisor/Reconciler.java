package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.process.ProcessControl;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.LeftRunning;
import io.optimizarr.encoder.queue.Outcome;
import io.optimizarr.proc.ProcFs;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * At start, before claiming anything: every job this node left PROCESSING or PAUSED lost its
 * supervisor. A left-over ffmpeg of that job (its pid, and its command line naming the job's
 * temporary file) is continued and terminated, the temporary file removed, and the job requeued
 * with one more attempt.
 */
final class Reconciler {

  private final JobQueue store;
  private final ProcessControl control;
  private final String node;

  Reconciler(JobQueue store, ProcessControl control, String node) {
    this.store = store;
    this.control = control;
    this.node = node;
  }

  void reconcile() {
    for (LeftRunning job : store.runningOn(node).await().atMost(Await.DATABASE)) {
      Path temporary = EncodeRun.temporaryFor(Path.of(job.outputPath()), job.id());
      if (job.pid() != null
          && ProcFs.host().commandLine(job.pid()).contains(temporary.toString())) {
        endLeftOver(job.pid());
      }
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        Log.warnf("Could not remove %s: %s", temporary, e.getMessage());
      }
      var status =
          store
              .record(
                  job.id(),
                  new Outcome.Requeued("node " + node + " restarted while running it", true))
              .await()
              .atMost(Await.DATABASE);
      Log.infof("Job %d, left running by an earlier run of this node: now %s", job.id(), status);
    }
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
