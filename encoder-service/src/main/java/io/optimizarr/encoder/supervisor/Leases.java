package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.queue.Claim;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.queue.NodeLease;
import io.optimizarr.encoder.queue.NodeLost;
import io.optimizarr.encoder.queue.TakenFromLostNode;
import io.quarkus.logging.Log;
import jakarta.enterprise.event.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This node's lease, and what follows from leases: every {@link LeaseTiming#renewEvery} it renews
 * its own, ends its runs whose claims were superseded (the node was silent past its lease and
 * another took the job: it ends its own encode instead of finishing over someone else's), and
 * requeues the jobs of nodes whose leases ran out, removing those runs' work folders (named with
 * their claim's token, so never a later run's). A lost node's REPLACING jobs are left for its own
 * next start and noted on their timelines. On a thread of its own, so a slow encode never delays a
 * renewal.
 */
final class Leases {

  private final NodeLease leases;
  private final JobQueue queue;
  private final String node;
  private final Duration lease;
  private final Supplier<Collection<RunningEncode>> runs;
  private final Runnable wake;
  private final Event<NodeLost> lost;
  private ScheduledExecutorService timer;

  Leases(
      NodeLease leases,
      JobQueue queue,
      String node,
      Duration lease,
      Supplier<Collection<RunningEncode>> runs,
      Runnable wake,
      Event<NodeLost> lost) {
    this.leases = leases;
    this.queue = queue;
    this.node = node;
    this.lease = LeaseTiming.checked(lease);
    this.runs = runs;
    this.wake = wake;
    this.lost = lost;
  }

  /** Takes the lease (before the node claims anything) and renews it from now on. */
  void start() {
    leases.started(node, lease).await().atMost(Await.DATABASE);
    long every = LeaseTiming.renewEvery(lease).toMillis();
    timer = DaemonThreads.single("optimizarr-lease");
    timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    Log.infof("Node %s holds a lease of %d s, renewed every %d ms", node, lease.toSeconds(), every);
  }

  void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void tick() {
    try {
      if (leases.renew(node, lease).await().atMost(Await.DATABASE)) {
        Log.warnf(
            "Node %s was silent for longer than its lease of %d s: other nodes may have taken its"
                + " jobs; its claims are checked now",
            node, lease.toSeconds());
      }
      endSuperseded();
      takeFromLostNodes();
    } catch (RuntimeException e) {
      Log.errorf(e, "The lease of node %s could not be renewed; trying again", node);
    }
  }

  /** Each run whose claim no longer holds ends its own encode. */
  private void endSuperseded() {
    List<RunningEncode> now = List.copyOf(runs.get());
    if (now.isEmpty()) {
      return;
    }
    List<Claim> claims = now.stream().map(r -> r.claim).toList();
    Set<Long> held = queue.stillHeld(claims).await().atMost(Await.DATABASE);
    for (RunningEncode run : now) {
      if (!held.contains(run.jobId) && !run.finished.isDone() && !run.superseded()) {
        Log.warnf(
            "Job %d was taken from node %s and claimed again: its encode here ends (claim %s)",
            run.jobId, node, run.claim.token());
        run.supersede();
      }
    }
  }

  private void takeFromLostNodes() {
    List<TakenFromLostNode> taken = queue.requeueFromLostNodes(node).await().atMost(Await.DATABASE);
    for (TakenFromLostNode job : taken) {
      WorkFolder.leftBy(job.lostClaim(), Path.of(job.outputPath())).forEach(WorkFolder::removeTree);
      if (job.now() == JobStatus.FAILED) {
        // Out of attempts: nothing will resume its chunks. A requeued job keeps them.
        ChunkStore.removeFor(Path.of(job.outputPath()), job.id());
      }
      Log.warnf(
          "Job %d: node %s was lost (its lease ran out); the job is %s with one more attempt",
          job.id(), job.lostNode(), job.now() == JobStatus.QUEUED ? "requeued" : "failed");
    }
    for (long id : queue.noteReplacingOnLostNodes(node).await().atMost(Await.DATABASE)) {
      Log.warnf(
          "Job %d is REPLACING on a lost node: it is left for that node's next start, which"
              + " completes or undoes the replace",
          id);
    }
    if (!taken.isEmpty()) {
      try {
        lost.fire(new NodeLost(taken));
      } catch (RuntimeException e) {
        Log.errorf(e, "An observer of jobs taken from lost nodes failed");
      }
      wake.run();
    }
  }
}
