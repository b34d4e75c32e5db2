package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.OriginalState;
import io.optimizarr.encoder.queue.Recycled;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the originals that replace-mode jobs of this node keep in the recycle folder once their
 * days there are up ({@code optimizarr.recycle.sweep-every}, daily by default), with the recycle
 * folders they leave empty, and records each on its job's timeline ({@code SWEPT}). A name in the
 * recycle folder that is a link is deleted itself, never what it points to.
 */
@ApplicationScoped
public class RecycleSweep {

  private final JobQueue queue;
  private final NodeIdentity node;
  private final Duration every;
  private ScheduledExecutorService timer;

  RecycleSweep(JobQueue queue, NodeIdentity node, EncoderConfig config) {
    this.queue = queue;
    this.node = node;
    this.every = config.recycle().sweepEvery();
  }

  void start(@Observes StartupEvent event) {
    timer = DaemonThreads.single("optimizarr-recycle-sweep");
    long millis = every.toMillis();
    timer.scheduleWithFixedDelay(
        this::sweepSafely, Math.min(millis, 60_000), millis, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (RuntimeException e) {
      Log.errorf(e, "The recycle sweep failed; it runs again in %s", every);
    }
  }

  /** One sweep: every expired original of this node's jobs. */
  void sweep() {
    for (Recycled job : queue.expiredOriginals(node.name()).await().atMost(Await.DATABASE)) {
      try {
        Files.deleteIfExists(job.recycledPath());
        removeEmptyFolders(job.recycledPath().getParent());
      } catch (IOException e) {
        Log.warnf("Job %d: %s could not be swept: %s", job.id(), job.recycledPath(), e);
        continue;
      }
      queue
          .markOriginal(
              job.id(),
              OriginalState.RECYCLED,
              OriginalState.SWEPT,
              null,
              "the original " + job.recycledPath() + " was swept: its days in the recycle were up")
          .await()
          .atMost(Await.DATABASE);
    }
  }

  /** Removes {@code folder} and its parents while they are empty, up to the recycle folder. */
  private static void removeEmptyFolders(Path folder) throws IOException {
    Path dir = folder;
    while (dir != null && dir.getFileName() != null) {
      boolean recycleRoot = dir.getFileName().toString().equals(ReplaceFiles.RECYCLE);
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException inUse) {
        return;
      }
      if (recycleRoot) {
        return;
      }
      dir = dir.getParent();
    }
  }
}
