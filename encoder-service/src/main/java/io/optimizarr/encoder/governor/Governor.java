package io.optimizarr.encoder.governor;

import io.optimizarr.encoder.schedule.OutsideWindow;
import io.optimizarr.encoder.schedule.Schedule;
import io.optimizarr.encoder.settings.ResourceSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Decides, for all of a node's encodes at once, which pause and which resume: by foreign load
 * (judged by the idle thresholds once the machine has been idle a while) and by the encoding
 * windows. Pure: it is told the observations, the jobs and the time, and answers with a {@link
 * Decision}; the caller sends the signals. It remembers which encodes it paused itself; a manual
 * pause is never its to undo. Not thread-safe: one loop calls it.
 */
public final class Governor {

  /** A running encode as the governor sees it; threshold overrides come from its profile. */
  public record Job(
      long id,
      boolean ignoreThresholds,
      boolean manualPause,
      Integer cpuThreshold,
      Integer memoryThreshold,
      Integer gpuThreshold) {

    boolean overridesThresholds() {
      return cpuThreshold != null || memoryThreshold != null || gpuThreshold != null;
    }
  }

  /**
   * What to do now.
   *
   * @param state the governor's state after this judgement
   * @param hot true while the node's own limits are exceeded or no window is open: queued jobs are
   *     held
   * @param reasons why the node is hot (empty when it is not)
   * @param pause encodes to stop, each with its reasons (never empty)
   * @param resume encodes to continue
   * @param outsideWindow true while no encoding window is open
   * @param idle true while the machine counts as idle (the idle thresholds apply)
   * @param limits the node's limits it judged by: the idle thresholds while idle
   */
  public record Decision(
      State state,
      boolean hot,
      List<Reason> reasons,
      Map<Long, List<Reason>> pause,
      Set<Long> resume,
      boolean outsideWindow,
      boolean idle,
      Limits limits) {}

  private ResourceSettings settings;
  private Schedule schedule;
  private final ZoneId zone;
  private final IdleTracker idle = new IdleTracker();
  private final Gate node = new Gate();
  private final Map<Long, Gate> jobGates = new HashMap<>();
  private final Set<Long> pausedByUs = new HashSet<>();
  private Instant lastObservation;
  private boolean monitorLost;

  /**
   * @param zone the node's time zone, in which the windows' days and times are read
   */
  public Governor(ResourceSettings settings, Schedule schedule, ZoneId zone, Instant startedAt) {
    this.settings = settings;
    this.schedule = schedule;
    this.zone = zone;
    this.lastObservation = startedAt;
  }

  public void settingsChanged(ResourceSettings changed) {
    settings = changed;
  }

  public void scheduleChanged(Schedule changed) {
    schedule = changed;
  }

  /** Since when the machine has counted as idle; empty while it is in use. */
  public Optional<Instant> idleSince() {
    return Optional.ofNullable(idle.idleSince());
  }

  /** Judges a fresh snapshot: the first one after a silence restores the normal rules. */
  public Decision observe(Instant now, Observation observation, List<Job> jobs) {
    lastObservation = now;
    monitorLost = false;
    boolean idleNow = idle.accept(now, observation.foreignCpuPercent(), schedule.idle());
    if (!settings.enableThrottling()) {
      node.reset();
      jobGates.clear();
      return decide(now, jobs, List.of(), id -> List.of());
    }
    List<Reason> nodeReasons = node.judge(observation, limits(idleNow, null, null, null));
    var perJob = new HashMap<Long, List<Reason>>();
    jobGates.keySet().retainAll(jobs.stream().map(Job::id).toList());
    for (Job job : jobs) {
      if (job.overridesThresholds()) {
        Limits limits =
            limits(idleNow, job.cpuThreshold(), job.memoryThreshold(), job.gpuThreshold());
        perJob.put(
            job.id(),
            jobGates.computeIfAbsent(job.id(), id -> new Gate()).judge(observation, limits));
      }
    }
    return decide(now, jobs, nodeReasons, id -> perJob.getOrDefault(id, nodeReasons));
  }

  /**
   * The fast rule, for a pulse between snapshots: while throttling is on and an encode runs,
   * foreign CPU above the CPU threshold in force over the pulse's window pauses at once, without
   * the hold count — a foreground that wants the cores should not wait a second or two for them.
   * Only CPU is judged, and only towards a pause: resuming stays the snapshots' (hysteresis, {@code
   * resumeAfterSamples}). Empty when it changes nothing.
   */
  public Optional<Decision> pulse(Instant now, PulseObservation pulse, List<Job> jobs) {
    if (!settings.enableThrottling() || monitorLost) {
      return Optional.empty();
    }
    List<Job> running =
        jobs.stream()
            .filter(j -> !j.manualPause() && !j.ignoreThresholds() && !pausedByUs.contains(j.id()))
            .toList();
    if (running.isEmpty()) {
      return Optional.empty();
    }
    boolean idleNow = idle.idle();
    boolean tripped = node.pulse(pulse, limits(idleNow, null, null, null));
    for (Job job : running) {
      if (job.overridesThresholds()) {
        Limits limits =
            limits(idleNow, job.cpuThreshold(), job.memoryThreshold(), job.gpuThreshold());
        tripped |= jobGates.computeIfAbsent(job.id(), id -> new Gate()).pulse(pulse, limits);
      }
    }
    if (!tripped) {
      return Optional.empty();
    }
    List<Reason> nodeReasons = node.reasons();
    Set<Long> overriding =
        jobs.stream().filter(Job::overridesThresholds).map(Job::id).collect(Collectors.toSet());
    return Optional.of(
        decide(
            now,
            jobs,
            nodeReasons,
            id ->
                overriding.contains(id)
                    ? jobGates.computeIfAbsent(id, k -> new Gate()).reasons()
                    : nodeReasons,
            false));
  }

  /** The node's limits, or the idle ones while idle; a profile's own thresholds win over both. */
  private Limits limits(boolean idleNow, Integer cpu, Integer memory, Integer gpu) {
    if (idleNow) {
      var rule = schedule.idle();
      cpu = cpu != null ? cpu : rule.cpuThreshold();
      memory = memory != null ? memory : rule.memoryThreshold();
      gpu = gpu != null ? gpu : rule.gpuThreshold();
    }
    return Limits.of(settings, cpu, memory, gpu);
  }

  /**
   * Called when no snapshot came: after {@code staleAfterSeconds} without one, the {@code PAUSE}
   * policy pauses every encode (the owner comes first when we cannot see); {@code CONTINUE} lets
   * them run.
   */
  public Decision silence(Instant now, List<Job> jobs) {
    Duration silent = Duration.between(lastObservation, now);
    boolean stale = silent.toSeconds() >= settings.staleAfterSeconds();
    boolean pausing =
        stale && settings.enableThrottling() && "PAUSE".equalsIgnoreCase(settings.onMonitorLost());
    if (!pausing) {
      // The last judgement stands for encodes paused by load; the windows still open and close.
      return decide(
          now, jobs, List.of(), id -> pausedByUs.contains(id) ? lastReasons(id) : List.of());
    }
    monitorLost = true;
    List<Reason> reasons = List.of(Reason.monitorSilent(silent.toSeconds()));
    return decide(now, jobs, reasons, id -> reasons);
  }

  private List<Reason> lastReasons(long jobId) {
    Gate gate = jobGates.get(jobId);
    return gate != null ? gate.reasons() : node.reasons();
  }

  /** Whether each resource is hot by the node's own limits. */
  public Map<Resource, Boolean> nodeHotByResource() {
    return node.hotByResource();
  }

  private Decision decide(
      Instant now, List<Job> jobs, List<Reason> nodeReasons, LongFunction<List<Reason>> reasonsOf) {
    return decide(now, jobs, nodeReasons, reasonsOf, true);
  }

  /**
   * @param mayResume false for the fast rule, which only ever pauses
   */
  private Decision decide(
      Instant now,
      List<Job> jobs,
      List<Reason> nodeReasons,
      LongFunction<List<Reason>> reasonsOf,
      boolean mayResume) {
    List<Reason> window =
        schedule.closed(now, zone).map(Reason::windowClosed).map(List::of).orElse(List.of());
    List<Reason> windowPauses =
        schedule.outsideWindow() == OutsideWindow.PAUSE ? window : List.<Reason>of();
    pausedByUs.retainAll(jobs.stream().map(Job::id).toList());
    var pause = new LinkedHashMap<Long, List<Reason>>();
    var resume = new HashSet<Long>();
    for (Job job : jobs) {
      if (job.manualPause()) {
        pausedByUs.remove(job.id());
        continue;
      }
      // A job that ignores thresholds still keeps to the windows.
      List<Reason> reasons =
          concat(job.ignoreThresholds() ? List.of() : reasonsOf.apply(job.id()), windowPauses);
      boolean paused = pausedByUs.contains(job.id());
      if (!reasons.isEmpty() && !paused) {
        pause.put(job.id(), reasons);
        pausedByUs.add(job.id());
      } else if (reasons.isEmpty() && paused && mayResume) {
        resume.add(job.id());
        pausedByUs.remove(job.id());
      }
    }
    List<Reason> held = concat(nodeReasons, window);
    boolean hot = !held.isEmpty();
    return new Decision(
        state(hot, !window.isEmpty()),
        hot,
        held,
        pause,
        resume,
        !window.isEmpty(),
        idle.idle(),
        limits(idle.idle(), null, null, null));
  }

  /** Monitor lost before outside the window before throttling off before hot or not. */
  private State state(boolean hot, boolean outsideWindow) {
    if (monitorLost) {
      return State.MONITOR_LOST;
    }
    if (outsideWindow) {
      return State.OUTSIDE_WINDOW;
    }
    if (!settings.enableThrottling()) {
      return State.DISABLED;
    }
    return hot ? State.THROTTLED : State.RUNNING;
  }

  private static List<Reason> concat(List<Reason> a, List<Reason> b) {
    if (b.isEmpty()) {
      return a;
    }
    var both = new ArrayList<Reason>(a);
    both.addAll(b);
    return both;
  }
}
