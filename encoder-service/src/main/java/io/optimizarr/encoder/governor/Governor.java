package io.optimizarr.encoder.governor;

import io.optimizarr.model.ResourceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for all of a node's encodes at once, which pause and which resume. Pure: it is told the
 * observations, the jobs and the time, and answers with a {@link Decision}; the caller sends the
 * signals. It remembers which encodes it paused itself; a manual pause is never its to undo. Not
 * thread-safe: one loop calls it.
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
   * @param hot true while the node's own limits are exceeded: queued jobs are held
   * @param reasons why the node is hot (empty when it is not)
   * @param pause encodes to stop, each with its reason
   * @param resume encodes to continue
   */
  public record Decision(
      boolean hot, List<String> reasons, Map<Long, String> pause, Set<Long> resume) {}

  private ResourceSettings settings;
  private final Gate node = new Gate();
  private final Map<Long, Gate> jobGates = new HashMap<>();
  private final Set<Long> pausedByUs = new HashSet<>();
  private Instant lastObservation;
  private boolean monitorLost;

  public Governor(ResourceSettings settings, Instant startedAt) {
    this.settings = settings;
    this.lastObservation = startedAt;
  }

  public void settingsChanged(ResourceSettings changed) {
    settings = changed;
  }

  /** Judges a fresh snapshot: the first one after a silence restores the normal rules. */
  public Decision observe(Instant now, Observation observation, List<Job> jobs) {
    lastObservation = now;
    monitorLost = false;
    if (!settings.enableThrottling()) {
      node.reset();
      jobGates.clear();
      return decide(jobs, List.of(), id -> List.of());
    }
    List<String> nodeReasons = node.judge(observation, Limits.of(settings, null, null, null));
    var perJob = new HashMap<Long, List<String>>();
    jobGates.keySet().retainAll(jobs.stream().map(Job::id).toList());
    for (Job job : jobs) {
      if (job.overridesThresholds()) {
        Limits limits =
            Limits.of(settings, job.cpuThreshold(), job.memoryThreshold(), job.gpuThreshold());
        perJob.put(
            job.id(),
            jobGates.computeIfAbsent(job.id(), id -> new Gate()).judge(observation, limits));
      }
    }
    return decide(jobs, nodeReasons, id -> perJob.getOrDefault(id, nodeReasons));
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
      return new Decision(false, List.of(), Map.of(), Set.of());
    }
    monitorLost = true;
    List<String> reasons = List.of("no snapshot from the monitor for " + silent.toSeconds() + " s");
    return decide(jobs, reasons, id -> reasons);
  }

  public boolean monitorLost() {
    return monitorLost;
  }

  /** Whether each resource is hot by the node's own limits. */
  public Map<String, Boolean> nodeHotByResource() {
    return node.hotByResource();
  }

  private Decision decide(
      List<Job> jobs,
      List<String> nodeReasons,
      java.util.function.LongFunction<List<String>> reasonsOf) {
    pausedByUs.retainAll(jobs.stream().map(Job::id).toList());
    var pause = new LinkedHashMap<Long, String>();
    var resume = new HashSet<Long>();
    for (Job job : jobs) {
      if (job.manualPause()) {
        pausedByUs.remove(job.id());
        continue;
      }
      List<String> reasons = job.ignoreThresholds() ? List.of() : reasonsOf.apply(job.id());
      boolean paused = pausedByUs.contains(job.id());
      if (!reasons.isEmpty() && !paused) {
        pause.put(job.id(), String.join(", ", reasons));
        pausedByUs.add(job.id());
      } else if (reasons.isEmpty() && paused) {
        resume.add(job.id());
        pausedByUs.remove(job.id());
      }
    }
    return new Decision(!nodeReasons.isEmpty(), new ArrayList<>(nodeReasons), pause, resume);
  }
}
