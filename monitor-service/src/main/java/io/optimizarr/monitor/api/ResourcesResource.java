package io.optimizarr.monitor.api;

import io.optimizarr.model.ProcessUsage;
import io.optimizarr.model.ResourceSnapshot;
import io.optimizarr.monitor.config.MonitorConfig;
import io.optimizarr.monitor.host.ProcessReader;
import io.optimizarr.monitor.host.ProcessReading;
import io.optimizarr.monitor.host.ProcessWatch;
import io.optimizarr.monitor.stream.PulseHub;
import io.optimizarr.monitor.stream.SnapshotHistory;
import io.optimizarr.monitor.stream.SnapshotHub;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The host's figures: now, as a stream, as history, and per process. */
@Path("/api/resources")
@Produces(MediaType.APPLICATION_JSON)
public class ResourcesResource {

  static final int MAX_HISTORY_MINUTES = 1440;

  private final SnapshotHub hub;
  private final PulseHub pulses;
  private final SnapshotHistory history;
  private final ProcessWatch watch;
  private final ProcessReader reader;
  private final SnapshotJson json;
  private final Duration interval;

  ResourcesResource(
      SnapshotHub hub,
      PulseHub pulses,
      SnapshotHistory history,
      ProcessWatch watch,
      ProcessReader reader,
      SnapshotJson json,
      MonitorConfig config) {
    this.hub = hub;
    this.pulses = pulses;
    this.history = history;
    this.watch = watch;
    this.reader = reader;
    this.json = json;
    this.interval = config.monitor().interval();
  }

  @GET
  @Path("/current")
  public ResourceSnapshot current() {
    return hub.latest()
        .map(s -> s.withProcesses(List.of()))
        .orElseThrow(() -> ProblemException.unavailable("no sample has been taken yet"));
  }

  /**
   * Every snapshot as it is taken ({@code event: snapshot}, {@code id: seq}), starting with the
   * latest. Processes named by {@code pid} are measured while the stream is open. With {@code
   * pulses=true}, every CPU pulse between them too ({@code event: pulse}, no id): only clients that
   * ask get them, so a client that reads every event as a snapshot keeps working.
   */
  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> stream(
      @QueryParam("pid") List<String> pid,
      @QueryParam("pulses") String withPulses,
      @Context Sse sse) {
    List<Long> pids = ProcessIds.parse(pid, false);
    boolean pulsing = pulses(withPulses);
    Multi<OutboundSseEvent> snapshots = snapshots(pids, sse);
    if (!pulsing) {
      return snapshots;
    }
    Multi<OutboundSseEvent> pulseEvents =
        pulses
            .subscribe()
            .map(
                p -> sse.newEventBuilder().name("pulse").data(String.class, json.pulse(p)).build());
    return Multi.createBy().merging().streams(snapshots, pulseEvents);
  }

  private Multi<OutboundSseEvent> snapshots(List<Long> pids, Sse sse) {
    Set<Long> wanted = Set.copyOf(pids);
    return hub.subscribe()
        .onSubscription()
        .invoke(() -> watch.hold(pids))
        .onTermination()
        .invoke(() -> watch.release(pids))
        .map(
            snapshot ->
                sse.newEventBuilder()
                    .name("snapshot")
                    .id(Long.toString(snapshot.seq()))
                    .data(
                        String.class,
                        wanted.isEmpty()
                            ? json.shared(snapshot.withProcesses(List.of()))
                            : json.write(only(snapshot, wanted)))
                    .build());
  }

  @GET
  @Path("/history")
  public List<ResourceSnapshot> history(@QueryParam("minutes") String minutes) {
    int span = minutes(minutes);
    return history.since(Instant.now().minus(Duration.ofMinutes(span)));
  }

  /**
   * CPU and memory of the named processes over one sampling window. A process not watched before is
   * measured from now, so the answer comes with the next sample.
   */
  @GET
  @Path("/processes")
  @Blocking
  public Uni<List<ProcessUsage>> processes(@QueryParam("pid") List<String> pid) {
    List<Long> pids = ProcessIds.parse(pid, true);
    var readings = new ArrayList<ProcessReading>();
    for (long id : pids) {
      readings.add(
          reader
              .read(id)
              .orElseThrow(
                  () -> ProblemException.notFound("pid", "no process with pid " + id + " exists")));
    }
    watch.ask(readings, System.nanoTime());
    Set<Long> wanted = Set.copyOf(pids);
    return hub.subscribe()
        .filter(snapshot -> covers(snapshot, wanted))
        .toUni()
        .ifNoItem()
        .after(interval.multipliedBy(3))
        .recoverWithUni(() -> Uni.createFrom().item(hub.latest().orElse(null)))
        .map(snapshot -> snapshot == null ? List.of() : only(snapshot, wanted).processes());
  }

  private static boolean pulses(String value) {
    if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
      return false;
    }
    if (value.trim().equalsIgnoreCase("true")) {
      return true;
    }
    throw ProblemException.badRequest(
        "pulses", "pulses must be true or false, was '" + value + "'");
  }

  private static int minutes(String minutes) {
    if (minutes == null || minutes.isBlank()) {
      return 60;
    }
    try {
      int value = Integer.parseInt(minutes.trim());
      if (value >= 1 && value <= MAX_HISTORY_MINUTES) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the accepted range
    }
    throw ProblemException.badRequest(
        "minutes",
        "minutes must be a whole number from 1 to "
            + MAX_HISTORY_MINUTES
            + ", was '"
            + minutes
            + "'");
  }

  private static boolean covers(ResourceSnapshot snapshot, Set<Long> pids) {
    return snapshot.processes().stream().map(ProcessUsage::pid).toList().containsAll(pids);
  }

  private static ResourceSnapshot only(ResourceSnapshot snapshot, Set<Long> pids) {
    return snapshot.withProcesses(
        snapshot.processes().stream().filter(p -> pids.contains(p.pid())).toList());
  }
}
