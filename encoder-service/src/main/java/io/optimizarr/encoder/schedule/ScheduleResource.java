package io.optimizarr.encoder.schedule;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.user.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The node's schedule: encoding windows, what happens outside them, the idle thresholds, and the
 * "run now" override. A change reaches the governor within a second.
 */
@Path("/api/settings/schedule")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

  static final int MAX_RUN_NOW_MINUTES = 7 * 24 * 60;

  /** A body of {@code POST /run-now}: how long the override lasts. */
  public record RunNow(Integer minutes) {}

  /**
   * The schedule as the API shows it, with the node's time zone and whether encoding is allowed now
   * (and if not, why).
   */
  public record ScheduleView(
      List<ScheduleInput.WindowInput> windows,
      OutsideWindow outsideWindow,
      Instant runNowUntil,
      Idle idle,
      String timeZone,
      boolean open,
      String closedReason) {}

  private final ScheduleStore store;
  private final LiveEvents live;
  private final Clock clock;

  ScheduleResource(ScheduleStore store, LiveEvents live, Clock clock) {
    this.store = store;
    this.live = live;
    this.clock = clock;
  }

  @GET
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<ScheduleView> get() {
    return store.load().map(this::view);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN)
  public Uni<ScheduleView> put(ScheduleInput input) {
    if (input == null) {
      throw ApiException.invalid("windows", "the schedule is required in the body");
    }
    var problems = ScheduleRules.problems(input);
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    return store.save(input.toSchedule()).map(this::view).invoke(this::publish);
  }

  /** Encodes whatever the windows say, for the next {@code minutes}. */
  @POST
  @Path("/run-now")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN)
  public Uni<ScheduleView> runNow(RunNow body) {
    if (body == null
        || body.minutes() == null
        || body.minutes() < 1
        || body.minutes() > MAX_RUN_NOW_MINUTES) {
      throw ApiException.invalid(
          "minutes", "minutes must be from 1 to " + MAX_RUN_NOW_MINUTES + " (a week)");
    }
    Instant until = clock.instant().plus(Duration.ofMinutes(body.minutes()));
    return store.runNowUntil(until).map(this::view).invoke(this::publish);
  }

  /** Ends the override: the windows rule again. */
  @DELETE
  @Path("/run-now")
  @RolesAllowed(Role.ADMIN)
  public Uni<ScheduleView> endRunNow() {
    return store.runNowUntil(null).map(this::view).invoke(this::publish);
  }

  private void publish(ScheduleView view) {
    live.publish("schedule", view);
  }

  private ScheduleView view(Schedule s) {
    Instant now = clock.instant();
    var closed = s.closed(now, clock.getZone());
    return new ScheduleView(
        s.windows().stream()
            .map(
                w ->
                    new ScheduleInput.WindowInput(
                        w.days().stream().map(ScheduleStore::dayName).toList(),
                        w.start().toString(),
                        w.end().toString()))
            .toList(),
        s.outsideWindow(),
        s.runNow(now) ? s.runNowUntil() : null,
        s.idle(),
        clock.getZone().getId(),
        closed.isEmpty(),
        closed.orElse(null));
  }
}
