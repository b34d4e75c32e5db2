package io.optimizarr.encoder.settings;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.events.LiveEvents;
import io.optimizarr.encoder.user.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The node's resource settings. A change is validated whole (every bad field named, nothing saved
 * when one is bad) and reaches the governor and running encodes within a second.
 */
@Path("/api/settings/resources")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

  private final SettingsStore store;
  private final LiveEvents live;
  private final int hostCores = Runtime.getRuntime().availableProcessors();

  SettingsResource(SettingsStore store, LiveEvents live) {
    this.store = store;
    this.live = live;
  }

  @GET
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<ResourceSettings> get() {
    return store.load();
  }

  @GET
  @Path("/presets")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public List<Preset> presets() {
    return Preset.ALL;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN)
  public Uni<ResourceSettings> post(SettingsInput input) {
    return save(input);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN)
  public Uni<ResourceSettings> put(SettingsInput input) {
    return save(input);
  }

  private Uni<ResourceSettings> save(SettingsInput input) {
    if (input == null) {
      throw ApiException.invalid("cpuThreshold", "the settings are required in the body");
    }
    var problems = SettingsRules.problems(input, hostCores);
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    return store.save(input.toSettings()).invoke(saved -> live.publish("settings", saved));
  }
}
