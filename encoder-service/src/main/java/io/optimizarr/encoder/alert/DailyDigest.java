package io.optimizarr.encoder.alert;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.queue.JobQueue;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalTime;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code digest.daily} once a day at {@code optimizarr.webhooks.digest-at} in the node's time
 * zone, or at the first check after it where the node was down then: the day before's files done,
 * space saved, time held and what is left. One node of the cluster sends each day's digest (the one
 * that claims it in {@code digest_sent}); a day no webhook wants a digest is passed over, so a
 * webhook added later that day gets the next one.
 */
@ApplicationScoped
public class DailyDigest {

  static final long CHECK_EVERY_SECONDS = 5;

  private final WebhookStore store;
  private final JobQueue jobs;
  private final Alerts alerts;
  private final NodeIdentity node;
  private final Clock clock;
  private final LocalTime at;
  private volatile DigestSlot done;
  private ScheduledExecutorService checker;

  DailyDigest(
      WebhookStore store,
      JobQueue jobs,
      Alerts alerts,
      NodeIdentity node,
      Clock clock,
      EncoderConfig config) {
    this.store = store;
    this.jobs = jobs;
    this.alerts = alerts;
    this.node = node;
    this.clock = clock;
    this.at = config.webhooks().digestAt();
  }

  void start(@Observes StartupEvent event) {
    checker = DaemonThreads.single("optimizarr-digest");
    checker.scheduleWithFixedDelay(this::check, 1, CHECK_EVERY_SECONDS, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (checker != null) {
      checker.shutdownNow();
    }
  }

  void check() {
    DigestSlot slot = DigestSlot.latest(clock.instant(), clock.getZone(), at);
    if (slot.equals(done)) {
      return;
    }
    try {
      boolean wanted =
          store.all().await().atMost(Await.DATABASE).stream()
              .anyMatch(w -> w.wants(AlertEvent.DIGEST_DAILY));
      if (wanted
          && store
              .claimDigest(slot.to().toLocalDate(), node.name())
              .await()
              .atMost(Await.DATABASE)) {
        alerts.digest(
            jobs.digest(slot.from().toInstant(), slot.to().toInstant())
                .await()
                .atMost(Await.DATABASE));
      }
      done = slot;
    } catch (RuntimeException e) {
      Log.warnf("Could not send the daily digest: %s", e.getMessage());
    }
  }
}
