package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.queue.Outcome;
import java.util.NoSuchElementException;

/**
 * What becomes of a claimed job whose launch failed before its run began (loading the job or its
 * profile, starting its thread): a job that cannot be made into a run at all (its profile names an
 * encoder or container no one knows) fails with the reason; anything else, such as the database
 * away or too slow, puts it back in the queue with one more attempt, so no claimed job is left
 * PROCESSING with nothing running it. Pure.
 */
final class LaunchFailure {

  private LaunchFailure() {}

  static Outcome outcome(String node, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NoSuchElementException
          || cause instanceof IllegalArgumentException
          || cause instanceof NullPointerException) {
        return new Outcome.Failed(
            "the job cannot be run: its row or its profile does not make a run (" + cause + ")",
            failure.toString());
      }
    }
    return new Outcome.Requeued(
        "node " + node + " could not start it (" + rootOf(failure) + "); requeued", true);
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
