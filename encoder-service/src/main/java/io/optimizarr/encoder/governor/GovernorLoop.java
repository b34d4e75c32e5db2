package io.optimizarr.encoder.governor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.alert.Alerts;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.schedule.Schedule;
import io.optimizarr.encoder.settings.SettingsStore;
import io.optimizarr.encoder.supervisor.Supervisor;
import io.optimizarr.model.ResourceSettings;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The node's one governor at work: every snapshot from the monitor is judged, and the decision
 * carried out through the supervisor (SIGSTOP, SIGCONT, no new job while hot). A tick every second
 * notices a silent monitor and picks up changed settings.
 */
@ApplicationScoped
public class GovernorLoop {

  /**
   * A snapshot later than this counts as missed; the governor's staleAfter decides what follows.
   */
  private static final double MISSED_AFTER_SECONDS = 1.5;

  private final MonitorClient monitor;
  private final Supervisor supervisor;
  private final SettingsStore settings;
  private final MeterRegistry registry;
  private final LiveEvents live;
  private final Clock clock;
  private final Alerts alerts;
  private final boolean countWaiting;
  private final OwnUsage own = new OwnUsage();
  private final ResourceHistory history = new ResourceHistory();
  private final Map<String, Counter> pauses = new ConcurrentHashMap<>();
  private final Set<Long> throttled = ConcurrentHashMap.newKeySet();
  private Governor governor;
  private ResourceSettings current;
  private Schedule schedule;
  private ScheduledExecutorService ticker;
  private Observation lastObservation;
  private final DoubleAdder pausedSeconds = new DoubleAdder();
  private long lastTickNanos = System.nanoTime();
  private String state = "RUNNING";
  private Instant stateSince;
  private List<String> reasons = List.of();
  private Instant idleSince;

  GovernorLoop(
      MonitorClient monitor,
      Supervisor supervisor,
      SettingsStore settings,
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
    this.supervisor = supervisor;
    this.settings = settings;
    this.registry = registry;
    Gauge.builder("optimizarr.throttle.paused", throttled, Set::size)
        .description("Encodes paused by the governor now")
        .register(registry);
    FunctionCounter.builder("optimizarr.throttle.paused.seconds", pausedSeconds, DoubleAdder::sum)
        .description("Seconds encodes spent paused by the governor, summed over encodes")
        .register(registry);
    Gauge.builder("optimizarr.snapshot.age", monitor, MonitorClient::latestAgeSeconds)
        .description("Seconds since the latest snapshot from the monitor")
        .baseUnit("seconds")
        .register(registry);
  }

  void start(@Observes @Priority(3000) StartupEvent event) {
    current = settings.load().await().atMost(Await.DATABASE);
    schedule = supervisor.schedule().orElse(Schedule.always());
    governor = new Governor(current, schedule, clock.getZone(), clock.instant());
    monitor.start(this::onSnapshot);
    ticker = DaemonThreads.single("optimizarr-governor");
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }

  synchronized void onSnapshot(ResourceSnapshot snapshot) {
    try {
      OwnUsage.Figures ours = own.measure(supervisor.ownPids());
      var observation = Observation.of(snapshot, ours, supervisor.gpuInUse(), countWaiting);
      lastObservation = observation;
      alerts.monitorBack();
      live.publish("snapshot", snapshot);
      carryOut(governor.observe(clock.instant(), observation, supervisor.governorViews()));
      history.add(snapshot, !throttled.isEmpty() || "THROTTLED".equals(state));
    } catch (RuntimeException e) {
      Log.errorf(e, "The governor could not judge snapshot %d", snapshot.seq());
    }
  }

  private synchronized void tick() {
    long nanos = System.nanoTime();
    pausedSeconds.add(throttled.size() * (nanos - lastTickNanos) / 1e9);
    lastTickNanos = nanos;
    try {
      ResourceSettings latest = supervisor.settings().orElse(current);
      if (!latest.equals(current)) {
        current = latest;
        governor.settingsChanged(latest);
      }
      Schedule latestSchedule = supervisor.schedule().orElse(schedule);
      if (!latestSchedule.equals(schedule)) {
        schedule = latestSchedule;
        governor.scheduleChanged(latestSchedule);
      }
      double age = monitor.latestAgeSeconds();
      if (age > MISSED_AFTER_SECONDS) {
        Log.debugf(
            "No snapshot for %.1f s; settings %s; jobs %s",
            age, current, supervisor.governorViews());
        carryOut(governor.silence(clock.instant(), supervisor.governorViews()));
        if (age > current.staleAfterSeconds()) {
          alerts.monitorLost((long) age);
          monitor.reconnect();
        }
      }
    } catch (RuntimeException | Error e) {
      Log.errorf(e, "The governor's tick failed");
    }
  }

  private void carryOut(Governor.Decision decision) {
    supervisor.hold(decision.hot());
    String now = state(decision);
    Instant idle = governor.idleSince().orElse(null);
    boolean changed =
        !now.equals(state)
            || !decision.reasons().equals(reasons)
            || !java.util.Objects.equals(idle, idleSince);
    if (!now.equals(state)) {
      state = now;
      stateSince = clock.instant();
    }
    reasons = decision.reasons();
    idleSince = idle;
    if (changed) {
      live.publish(
          "throttle",
          new Throttle(state, stateSince, reasons, decision.pause(), decision.resume(), idleSince));
    }
    decision
        .pause()
        .forEach(
            (id, reason) -> {
              Log.infof("Pausing job %d: %s", id, reason);
              supervisor.throttlePause(id, reason);
              throttled.add(id);
              alerts.throttlePaused(id, reason);
              counter(resourceOf(reason)).increment();
            });
    for (long id : decision.resume()) {
      Log.infof("Resuming job %d", id);
      supervisor.throttleResume(id);
      throttled.remove(id);
      alerts.throttleResumed(id);
    }
    throttled.retainAll(new HashSet<>(supervisor.ownJobIds()));
    alerts.running(throttled);
  }

  /**
   * The governor's state: {@code DISABLED} (throttling off; windows still apply), {@code
   * MONITOR_LOST}, {@code OUTSIDE_WINDOW}, {@code THROTTLED} (the node is hot) or {@code RUNNING}.
   */
  private String state(Governor.Decision decision) {
    if (governor.monitorLost()) {
      return "MONITOR_LOST";
    }
    if (decision.outsideWindow()) {
      return "OUTSIDE_WINDOW";
    }
    if (!current.enableThrottling()) {
      return "DISABLED";
    }
    return decision.hot() ? "THROTTLED" : "RUNNING";
  }

  /**
   * A {@code throttle} event: the governor's state, why, what it just did, and since when the
   * machine has been idle (null while in use).
   */
  public record Throttle(
      String state,
      Instant since,
      List<String> reasons,
      Map<Long, String> paused,
      Set<Long> resumed,
      Instant idleSince) {}

  /** The snapshots since {@code since}, for {@code GET /api/resources/history}. */
  List<ResourceHistory.Point> history(Instant since) {
    return history.since(since);
  }

  /**
   * The latest judgement, for {@code GET /api/resources/thresholds}; while the machine is idle the
   * thresholds shown are the idle ones.
   */
  public synchronized ThresholdsView thresholds() {
    Observation o = lastObservation;
    Map<String, Boolean> hot = governor == null ? Map.of() : governor.nodeHotByResource();
    var resources = new ArrayList<ThresholdsView.Resource>();
    if (o != null) {
      resources.add(
          new ThresholdsView.Resource(
              "cpu",
              o.cpuPercent(),
              o.ownCpuPercent(),
              o.foreignCpuPercent(),
              idleSince != null ? schedule.idle().cpuThreshold() : current.cpuThreshold(),
              hot.getOrDefault("cpu", false)));
      double total =
          o.memoryTotalBytes() <= 0 ? 0 : 100.0 * o.memoryUsedBytes() / o.memoryTotalBytes();
      double own =
          o.memoryTotalBytes() <= 0 ? 0 : 100.0 * o.ownMemoryBytes() / o.memoryTotalBytes();
      resources.add(
          new ThresholdsView.Resource(
              "memory",
              total,
              own,
              o.foreignMemoryPercent(),
              idleSince != null ? schedule.idle().memoryThreshold() : current.memoryThreshold(),
              hot.getOrDefault("memory", false)));
      resources.add(
          new ThresholdsView.Resource(
              "gpu",
              o.busiestGpuPercent(),
              null,
              o.gpuInUseByUs() ? null : o.busiestGpuPercent(),
              idleSince != null ? schedule.idle().gpuThreshold() : current.gpuThreshold(),
              hot.getOrDefault("gpu", false)));
      resources.add(
          new ThresholdsView.Resource(
              "cpuTemperature",
              o.cpuTemperatureCelsius(),
              null,
              null,
              current.cpuTemperatureLimit(),
              hot.getOrDefault("cpuTemperature", false)));
      resources.add(
          new ThresholdsView.Resource(
              "gpuTemperature",
              o.hottestGpuCelsius(),
              null,
              null,
              current.gpuTemperatureLimit(),
              hot.getOrDefault("gpuTemperature", false)));
    }
    return new ThresholdsView(state, stateSince, reasons, resources, idleSince);
  }

  private Counter counter(String resource) {
    return pauses.computeIfAbsent(
        resource,
        r ->
            Counter.builder("optimizarr.throttle.pauses")
                .description("Encodes paused by the governor, by the resource that was hot")
                .tag("resource", r)
                .register(registry));
  }

  /**
   * The resource a reason names first: cpu, memory, gpu, cpu_temperature, gpu_temperature, monitor,
   * window.
   */
  static String resourceOf(String reason) {
    if (reason.startsWith("no snapshot")) {
      return "monitor";
    }
    if (reason.startsWith("outside encoding window")) {
      return "window";
    }
    if (reason.startsWith("cpu temperature")) {
      return "cpu_temperature";
    }
    if (reason.startsWith("gpu temperature")) {
      return "gpu_temperature";
    }
    return reason.substring(0, reason.indexOf(' '));
  }
}
