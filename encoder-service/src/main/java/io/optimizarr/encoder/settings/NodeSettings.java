package io.optimizarr.encoder.settings;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.schedule.Schedule;
import io.optimizarr.encoder.schedule.ScheduleStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

/**
 * The node's resource settings and schedule as last read: the one place that reads them for the
 * supervisor and the governor, and tells of each change by an event ({@link SettingsChanged},
 * {@link ScheduleChanged}, observed on the reading thread). Thread-safe.
 */
@ApplicationScoped
public class NodeSettings {

  /** A read found the resource settings changed. */
  public record SettingsChanged(ResourceSettings settings) {}

  /** A read found the schedule changed. */
  public record ScheduleChanged(Schedule schedule) {}

  private final SettingsStore settingsStore;
  private final ScheduleStore scheduleStore;
  private final Event<SettingsChanged> settingsChanged;
  private final Event<ScheduleChanged> scheduleChanged;
  private volatile ResourceSettings settings;
  private volatile Schedule schedule;

  NodeSettings(
      SettingsStore settingsStore,
      ScheduleStore scheduleStore,
      Event<SettingsChanged> settingsChanged,
      Event<ScheduleChanged> scheduleChanged) {
    this.settingsStore = settingsStore;
    this.scheduleStore = scheduleStore;
    this.settingsChanged = settingsChanged;
    this.scheduleChanged = scheduleChanged;
  }

  /** The first read, before the supervisor and the governor start. */
  void start(@Observes @Priority(2000) StartupEvent event) {
    refresh();
  }

  /**
   * Reads both again and tells of what changed. The supervisor's claim loop calls it once a second
   * and before each round of claims, so a claim always sees what was set just before (a job queued
   * right after a window closed, or after {@code maxConcurrentJobs} went to 0, does not start).
   */
  public synchronized void refresh() {
    ResourceSettings readSettings = settingsStore.load().await().atMost(Await.DATABASE);
    Schedule readSchedule = scheduleStore.load().await().atMost(Await.DATABASE);
    // Each is kept only once every observer has taken it: one that failed hears of it again.
    if (settings != null && !readSettings.equals(settings)) {
      settingsChanged.fire(new SettingsChanged(readSettings));
    }
    settings = readSettings;
    if (schedule != null && !readSchedule.equals(schedule)) {
      scheduleChanged.fire(new ScheduleChanged(readSchedule));
    }
    schedule = readSchedule;
  }

  /** The resource settings as last read. */
  public ResourceSettings settings() {
    return settings;
  }

  /** The schedule as last read. */
  public Schedule schedule() {
    return schedule;
  }
}
