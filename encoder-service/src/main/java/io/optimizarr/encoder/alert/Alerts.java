package io.optimizarr.encoder.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.queue.DayDigest;
import io.optimizarr.encoder.queue.JobFinished;
import io.optimizarr.encoder.queue.Outcome;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What happens on this node that webhooks are told of. The supervisor reports finished jobs, the
 * governor its pauses and a silent monitor, {@link DailyDigest} the day's figures; this turns them
 * into JSON documents for the webhooks that want them — and, for a media server, a completed job
 * into the {@code rescan} list of what changed in the library folders linked to it. An encode held
 * by the governor is reported once per pause to each webhook, when the pause has lasted that
 * webhook's {@code pausedMinutes}; a lost monitor once until it is back.
 */
@ApplicationScoped
public class Alerts {

  static final long CHECK_EVERY_SECONDS = 5;

  private record Pause(Instant since, String reason, Set<Long> told) {}

  private final WebhookStore store;
  private final Deliveries deliveries;
  private final NodeIdentity node;
  private final Clock clock;
  private final ObjectMapper json;
  private final Map<Long, Pause> paused = new ConcurrentHashMap<>();
  private volatile boolean monitorLostSent;
  private ScheduledExecutorService checker;

  Alerts(
      WebhookStore store,
      Deliveries deliveries,
      NodeIdentity node,
      Clock clock,
      ObjectMapper json) {
    this.store = store;
    this.deliveries = deliveries;
    this.node = node;
    this.clock = clock;
    this.json = json;
  }

  void start(@Observes StartupEvent event) {
    checker = DaemonThreads.single("optimizarr-alerts");
    checker.scheduleWithFixedDelay(
        this::checkPauses, CHECK_EVERY_SECONDS, CHECK_EVERY_SECONDS, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (checker != null) {
      checker.shutdownNow();
    }
  }

  /** A job run here ended: completed, failed and skipped jobs are announced. */
  void jobFinished(@Observes JobFinished finished) {
    if (finished.outcome() instanceof Outcome.Completed completed) {
      var job = new LinkedHashMap<String, Object>();
      job.put("id", finished.jobId());
      job.put("status", "COMPLETED");
      job.put("inputPath", finished.input().toString());
      job.put("outputPath", finished.output().toString());
      job.put("message", completed.message());
      job.put("inputBytes", completed.inputBytes());
      job.put("outputBytes", completed.outputBytes());
      boolean inputGone = !Files.exists(finished.input(), LinkOption.NOFOLLOW_LINKS);
      publish(
          AlertEvent.JOB_COMPLETED,
          Map.of("job", job),
          server -> rescan(server, finished, inputGone, job));
    } else if (finished.outcome() instanceof Outcome.Failed failed) {
      var job = new LinkedHashMap<String, Object>();
      job.put("id", finished.jobId());
      job.put("status", "FAILED");
      job.put("inputPath", finished.input().toString());
      job.put("reason", failed.reason());
      publish(AlertEvent.JOB_FAILED, Map.of("job", job));
    } else if (finished.outcome() instanceof Outcome.Skipped skipped) {
      var job = new LinkedHashMap<String, Object>();
      job.put("id", finished.jobId());
      job.put("status", "SKIPPED");
      job.put("inputPath", finished.input().toString());
      job.put("reason", skipped.reason());
      job.put("consequence", skipped.consequence());
      publish(AlertEvent.JOB_SKIPPED, Map.of("job", job));
    }
  }

  /** The governor paused an encode (SIGSTOP) for {@code reason}. */
  public void throttlePaused(long jobId, String reason) {
    paused.put(jobId, new Pause(clock.instant(), reason, ConcurrentHashMap.newKeySet()));
  }

  public void throttleResumed(long jobId) {
    paused.remove(jobId);
  }

  /** Forgets pauses of encodes that no longer run here. */
  public void running(Collection<Long> jobIds) {
    paused.keySet().retainAll(Set.copyOf(jobIds));
  }

  /** No snapshot for {@code silentSeconds}, past the settings' staleAfter; told once. */
  public void monitorLost(long silentSeconds) {
    if (monitorLostSent) {
      return;
    }
    monitorLostSent = true;
    publish(
        AlertEvent.MONITOR_LOST,
        Map.of(
            "silentSeconds",
            silentSeconds,
            "message",
            "no snapshot from the monitor of node "
                + node.name()
                + " for "
                + silentSeconds
                + " s"));
  }

  public void monitorBack() {
    monitorLostSent = false;
  }

  /** The daily digest, to every webhook that wants it. */
  public void digest(DayDigest digest) {
    var figures = new LinkedHashMap<String, Object>();
    figures.put("from", digest.from().toString());
    figures.put("to", digest.to().toString());
    figures.put("completed", digest.completed());
    figures.put("failed", digest.failed());
    figures.put("skipped", digest.skipped());
    figures.put("savedBytes", digest.savedBytes());
    figures.put("pausedSeconds", Math.round(digest.pausedSeconds()));
    figures.put("queued", digest.queued());
    publish(AlertEvent.DIGEST_DAILY, Map.of("digest", figures));
  }

  /** Sends a test payload to one webhook, whatever its events; gives the delivery's id. */
  public Uni<Long> test(Webhook webhook) {
    return deliveries.send(
        webhook,
        AlertEvent.TEST,
        payload(
            AlertEvent.TEST,
            Map.of("message", "a test from Optimizarr, sent at an admin's request")));
  }

  void checkPauses() {
    if (paused.isEmpty()) {
      return;
    }
    try {
      Instant now = clock.instant();
      for (Webhook webhook : store.all().await().atMost(Await.DATABASE)) {
        if (!webhook.wants(AlertEvent.THROTTLE_PAUSED)) {
          continue;
        }
        paused.forEach(
            (jobId, pause) -> {
              Duration held = Duration.between(pause.since(), now);
              if (held.toMinutes() >= webhook.pausedMinutes() && pause.told().add(webhook.id())) {
                var body = new LinkedHashMap<String, Object>();
                body.put("job", Map.of("id", jobId));
                body.put("pausedSince", pause.since().toString());
                body.put("pausedMinutes", held.toMinutes());
                body.put("reason", pause.reason());
                send(
                    webhook, AlertEvent.THROTTLE_PAUSED, payload(AlertEvent.THROTTLE_PAUSED, body));
              }
            });
      }
    } catch (RuntimeException e) {
      Log.warnf("Could not check paused encodes for alerts: %s", e.getMessage());
    }
  }

  private void publish(AlertEvent event, Map<String, Object> fields) {
    publish(event, fields, server -> {});
  }

  /**
   * Sends {@code fields} to every notice webhook that wants {@code event}; a media server that
   * wants it is handed to {@code mediaServer}.
   */
  private void publish(
      AlertEvent event, Map<String, Object> fields, Consumer<Webhook> mediaServer) {
    String body = payload(event, fields);
    store
        .all()
        .subscribe()
        .with(
            webhooks ->
                webhooks.stream()
                    .filter(w -> w.wants(event))
                    .forEach(
                        w -> {
                          if (w.kind().isMediaServer()) {
                            mediaServer.accept(w);
                          } else {
                            send(w, event, body);
                          }
                        }),
            e -> Log.warnf("Could not read webhooks for %s: %s", event.wireName(), e.getMessage()));
  }

  /**
   * Asks a media server to rescan what a completed job changed, where a library folder linked to it
   * holds the output; the delivery carries the job and its {@code rescan} list.
   */
  private void rescan(
      Webhook server, JobFinished finished, boolean inputGone, Map<String, Object> job) {
    store
        .folders(server.id())
        .subscribe()
        .with(
            folders -> {
              var updates = Rescans.of(folders, finished.input(), finished.output(), inputGone);
              if (updates.isEmpty()) {
                return;
              }
              var body = new LinkedHashMap<String, Object>();
              body.put("job", job);
              body.put(
                  "rescan",
                  updates.stream()
                      .map(u -> Map.of("path", u.path(), "change", u.change().name()))
                      .toList());
              send(server, AlertEvent.JOB_COMPLETED, payload(AlertEvent.JOB_COMPLETED, body));
            },
            e ->
                Log.warnf(
                    "Could not read %s's library folders: %s", server.name(), e.getMessage()));
  }

  private void send(Webhook webhook, AlertEvent event, String body) {
    deliveries
        .send(webhook, event, body)
        .subscribe()
        .with(
            id -> {},
            e ->
                Log.warnf("Could not record a delivery to %s: %s", webhook.name(), e.getMessage()));
  }

  /** {@code {"event", "at", "node", …fields}}. */
  private String payload(AlertEvent event, Map<String, Object> fields) {
    var body = new LinkedHashMap<String, Object>();
    body.put("event", event.wireName());
    body.put("at", clock.instant().toString());
    body.put("node", node.name());
    body.putAll(fields);
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
