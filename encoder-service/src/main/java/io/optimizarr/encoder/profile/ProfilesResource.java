package io.optimizarr.encoder.profile;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.user.Role;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Encoding profiles: everyone reads them, admins write them. */
@Path("/api/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfilesResource {

  private final int hostCores = Runtime.getRuntime().availableProcessors();
  private final JobQueue queue;

  ProfilesResource(JobQueue queue) {
    this.queue = queue;
  }

  @GET
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  @WithSession
  public Uni<List<ProfileView>> list() {
    return EncodingProfile.<EncodingProfile>listAll(Sort.by("id"))
        .map(profiles -> profiles.stream().map(ProfileView::of).toList());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  @WithSession
  public Uni<ProfileView> get(@PathParam("id") long id) {
    return find(id).map(ProfileView::of);
  }

  @POST
  @RolesAllowed(Role.ADMIN)
  @WithTransaction
  public Uni<Response> create(ProfileInput input) {
    validate(input);
    return uniqueName(input.name(), null)
        .flatMap(
            ok -> {
              var profile = new EncodingProfile();
              input.applyTo(profile);
              profile.updatedAt = Instant.now();
              return profile.<EncodingProfile>persist();
            })
        .map(
            saved ->
                Response.created(URI.create("/api/profiles/" + saved.id))
                    .entity(ProfileView.of(saved))
                    .build());
  }

  @PUT
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN)
  @WithTransaction
  public Uni<ProfileView> update(@PathParam("id") long id, ProfileInput input) {
    validate(input);
    return find(id)
        .call(profile -> uniqueName(input.name(), id))
        .map(
            profile -> {
              input.applyTo(profile);
              profile.updatedAt = Instant.now();
              return ProfileView.of(profile);
            });
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN)
  public Uni<Response> delete(@PathParam("id") long id) {
    // The jobs are counted by their table's owner before the deleting transaction takes its
    // connection; the folders in it.
    return queue
        .countUsingProfile(id)
        .flatMap(
            jobs ->
                Panache.withTransaction(
                    () ->
                        find(id)
                            .invoke(profile -> refuseIfUsed(id, jobs, "job(s)"))
                            .call(
                                profile ->
                                    countLibraryFolders(id)
                                        .invoke(
                                            uses -> refuseIfUsed(id, uses, "library folder(s)")))
                            .flatMap(EncodingProfile::delete)))
        .map(deleted -> Response.noContent().build());
  }

  /** The library folders that scan with the profile, counted in the deleting transaction. */
  private static Uni<Long> countLibraryFolders(long id) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from library_folder where profile_id = :id", Long.class)
                    .setParameter("id", id)
                    .getSingleResult());
  }

  /** A 409 when {@code uses} rows of {@code what} use the profile. */
  private static void refuseIfUsed(long id, long uses, String what) {
    if (uses > 0) {
      throw ApiException.conflict(null, "profile " + id + " is used by " + uses + " " + what);
    }
  }

  private void validate(ProfileInput input) {
    if (input == null) {
      throw ApiException.invalid("name", "a profile is required in the body");
    }
    var problems = ProfileRules.problems(input, hostCores);
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
  }

  private static Uni<EncodingProfile> find(long id) {
    return EncodingProfile.<EncodingProfile>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("profile", id));
  }

  private static Uni<Void> uniqueName(String name, Long exceptId) {
    return EncodingProfile.<EncodingProfile>find("name", name.trim())
        .firstResult()
        .invoke(
            other -> {
              if (other != null && !other.id.equals(exceptId)) {
                throw ApiException.conflict("name", "a profile named '" + name.trim() + "' exists");
              }
            })
        .replaceWithVoid();
  }
}
