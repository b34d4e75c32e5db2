package io.optimizarr.encoder.governor;

import io.micrometer.core.instrument.MeterRegistry;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.alert.Alerts;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.process.Placement;
import io.optimizarr.encoder.process.ServiceProcesses;
import io.optimizarr.encoder.settings.NodeSettings;
import io.optimizarr.encoder.settings.ResourceSettings;
import io.optimizarr.model.CpuPulse;
import io.optimizarr.model.ResourceSnapshot;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's one governor at work: every snapshot from the monitor is judged, and the decision
 * carried out on the spot through {@link Encodes} (SIGSTOP, SIGCONT, no new job while hot); every
 * pulse between snapshots is judged by the fast rule, which can only pause. A tick every second
 * notices a silent monitor. Settings and schedule come from {@link NodeSettings} as they change.
 * What follows from a decision (alerts, meters, live events, the history) is told in order on a
 * thread of its own, so none of it holds up the next judgement.
 */
@ApplicationScoped
public class GovernorLoop {

  /**
   * A snapshot later than this counts as missed; the governor's staleAfter decides what follows.
   */
  private static final double MISSED_AFTER_SECONDS = 1.5;

  /**
   * A {@code throttle} event: the governor's state, why, what it just did, since when the machine
   * has been idle (null while in use), and whether the state holds encodes.
   */
  public record Throttle(
      State state,
      Instant since,
      List<String> reasons,
      Map<Long, String> paused,
      Set<Long> resumed,
      Instant idleSince,
      boolean held) {}

  private final MonitorClient monitor;
  private final Encodes encodes;
  private final NodeSettings settings;
  private final LiveEvents live;
  private final Clock clock;
  private final Alerts alerts;
  private final ThrottleMeters meters;
  private final boolean countWaiting;
  private final OwnUsage own = new OwnUsage();
  private final OwnCpu ownPerPulse = new OwnCpu();
  private final ResourceHistory history = new ResourceHistory();
  private ScheduledExecutorService ticker;
  private ScheduledExecutorService news;
  private Governor governor;
  private ResourceSettings current;
  private Observation lastObservation;
  private Governor.Decision lastDecision;
  private State state = State.RUNNING;
  private Instant stateSince;
  private Instant idleSince;

  GovernorLoop(
      MonitorClient monitor,
      Encodes encodes,
      NodeSettings settings,
      MeterRegistry registry,
      LiveEvents live,
      EncoderConfig config,
      Clock clock,
      Alerts alerts) {
    this.live = live;
    this.alerts = alerts;
    this.clock = clock;
    this.stateSince = clock.instant();
    this.countWaiting = config.governor().countWaiting();
    this.monitor = monitor;
    this.encodes = encodes;
    this.settings = settings;
    this.meters = new ThrottleMeters(registry, monitor);
  }

  synchronized void start(@Observes @Priority(3000) StartupEvent event) {
    current = settings.settings();
    governor = new Governor(current, settings.schedule(), clock.getZone(), clock.instant());
    news = DaemonThreads.single("optimizarr-governor-news");
    monitor.start(this::onSnapshot, this::onPulse);
    ticker = DaemonThreads.single("optimizarr-governor");
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (news != null) {
      news.shutdown();
    }
  }

  synchronized void settingsChanged(@Observes NodeSettings.SettingsChanged changed) {
    current = changed.settings();
    if (governor != null) {
      governor.settingsChanged(current);
    }
  }

  synchronized void scheduleChanged(@Observes NodeSettings.ScheduleChanged changed) {
    if (governor != null) {
      governor.scheduleChanged(changed.schedule());
    }
  }

  synchronized void onSnapshot(ResourceSnapshot snapshot) {
    try {
      List<Long> running = encodes.pids();
      // Pulses serve the fast rule, which judges only while an encode runs.
      monitor.wantPulses(!running.isEmpty());
      // Ours: the encodes, this service and its helpers — none of it is foreign load.
      List<Long> pids = concat(running, ServiceProcesses.pids());
      OwnUsage.Figures ours = own.measure(pids);
      var observation =
          Observation.of(
              snapshot, ours, encodes.gpuInUse(), pids, countWaiting, current.ignoreBatchLoad());
      lastObservation = observation;
      tell(
          () -> {
            alerts.monitorBack();
            live.publish("snapshot", snapshot);
          });
      Governor.Decision decision = governor.observe(clock.instant(), observation, encodes.views());
      carryOut(decision);
      boolean held = decision.state().holdsEncodes();
      tell(() -> history.add(snapshot, held));
    } catch (RuntimeException e) {
      Log.errorf(e, "The governor could not judge snapshot %d", snapshot.seq());
    }
  }

  /**
   * Our encodes' CPU over the pulse's window, then the fast rule; a decision to pause is carried
   * out at once, as a snapshot's is.
   */
  synchronized void onPulse(CpuPulse pulse) {
    try {
      List<Long> running = encodes.pids();
      if (running.isEmpty() || lastObservation == null) {
        ownPerPulse.measure(running, List.of());
        return;
      }
      var ours = ownPerPulse.measure(running, ServiceProcesses.pids());
      if (ours.isEmpty()) {
        return;
      }
      Log.debugf(
          "Pulse %d: %.1f%% busy over %.3f s, ours %.1f%% over %.3f s, others' batch %.1f%%",
          pulse.seq(),
          pulse.usagePercent(),
          pulse.intervalSeconds(),
          ours.get().cpuPercent(),
          ours.get().seconds(),
          lastObservation.othersBatchCpuPercent());
      PulseObservation.of(pulse, ours.get(), lastObservation)
          .flatMap(p -> governor.pulse(clock.instant(), p, encodes.views()))
          .ifPresent(this::carryOut);
    } catch (RuntimeException e) {
      Log.errorf(e, "The governor could not judge pulse %d", pulse.seq());
    }
  }

  private synchronized void tick() {
    meters.accrue();
    try {
      double age = monitor.latestAgeSeconds();
      if (age > MISSED_AFTER_SECONDS) {
        Log.debugf("No snapshot for %.1f s; settings %s; jobs %s", age, current, encodes.views());
        carryOut(governor.silence(clock.instant(), encodes.views()));
        if (age > current.staleAfterSeconds()) {
          tell(() -> alerts.monitorLost((long) age));
          monitor.reconnect();
        }
      }
    } catch (RuntimeException | Error e) {
      Log.errorf(e, "The governor's tick failed");
    }
  }

  private static List<Long> concat(List<Long> a, List<Long> b) {
    var both = new ArrayList<Long>(a);
    for (long pid : b) {
      if (!both.contains(pid)) {
        both.add(pid);
      }
    }
    return both;
  }

  /** Sends the signals now; what follows from them is told after, in order. */
  private void carryOut(Governor.Decision decision) {
    encodes.hold(decision.hot());
    Instant idle = governor.idleSince().orElse(null);
    List<Reason> before = lastDecision == null ? List.of() : lastDecision.reasons();
    boolean changed =
        decision.state() != state
            || !decision.reasons().equals(before)
            || !Objects.equals(idle, idleSince);
    if (decision.state() != state) {
      state = decision.state();
      stateSince = clock.instant();
    }
    lastDecision = decision;
    idleSince = idle;
    var paused = new LinkedHashMap<Long, String>();
    decision
        .pause()
        .forEach(
            (id, reasons) -> {
              String reason = Reason.text(reasons);
              Log.infof("Pausing job %d: %s", id, reason);
              encodes.pause(id, reason, PauseKind.of(reasons, current.releasePauseOn()));
              paused.put(id, reason);
            });
    for (long id : decision.resume()) {
      Log.infof("Resuming job %d", id);
      encodes.resume(id);
    }
    List<Long> running = encodes.jobIds();
    Throttle event =
        changed
            ? new Throttle(
                state,
                stateSince,
                Reason.texts(decision.reasons()),
                paused,
                decision.resume(),
                idleSince,
                state.holdsEncodes())
            : null;
    tell(
        () -> {
          if (event != null) {
            live.publish("throttle", event);
          }
          decision
              .pause()
              .forEach(
                  (id, reasons) -> {
                    meters.paused(id, reasons.get(0).cause());
                    alerts.throttlePaused(id, paused.get(id));
                  });
          for (long id : decision.resume()) {
            meters.resumed(id);
            alerts.throttleResumed(id);
          }
          alerts.running(meters.running(running));
        });
  }

  /**
   * Runs what follows from a judgement after those before it, off the judging thread; nothing once
   * the service is stopping (the monitor's stream may deliver a last snapshot or two).
   */
  private void tell(Runnable task) {
    try {
      news.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              Log.errorf(e, "Telling of the governor's judgement failed");
            }
          });
    } catch (RejectedExecutionException stopping) {
      Log.debug("The service is stopping: a judgement is not told");
    }
  }

  /** The snapshots since {@code since}, for {@code GET /api/resources/history}. */
  List<ResourceHistory.Point> history(Instant since) {
    return history.since(since);
  }

  /**
   * The latest judgement, for {@code GET /api/resources/thresholds}; while the machine is idle the
   * thresholds shown are the idle ones.
   */
  public synchronized ThresholdsView thresholds(Placement placement) {
    return ThresholdsView.of(
        state,
        stateSince,
        lastDecision,
        lastObservation,
        governor == null ? Map.of() : governor.nodeHotByResource(),
        idleSince,
        placement);
  }
}
