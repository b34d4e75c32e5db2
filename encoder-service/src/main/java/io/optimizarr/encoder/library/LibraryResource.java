package io.optimizarr.encoder.library;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.queue.OutputMode;
import io.optimizarr.encoder.user.Role;
import io.smallrye.common.annotation.Blocking;
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
import java.util.List;

/**
 * The library: folders inside the media roots whose videos are queued by scans. Adding a folder
 * scans it at once; {@code POST /{id}/scan} scans it again, queueing only what is new; {@code PUT
 * /{id}} changes how it is scanned.
 */
@Path("/api/library")
@Produces(MediaType.APPLICATION_JSON)
public class LibraryResource {

  static final int DEFAULT_RESCAN_MINUTES = 60;
  static final int DEFAULT_SETTLE_SECONDS = 60;

  private final LibraryStore store;
  private final LibraryScanner scanner;
  private final MediaPaths paths;

  LibraryResource(LibraryStore store, LibraryScanner scanner, MediaPaths paths) {
    this.store = store;
    this.scanner = scanner;
    this.paths = paths;
  }

  @GET
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<List<LibraryFolder>> list() {
    return store.all();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<LibraryFolder> get(@PathParam("id") long id) {
    return existing(id);
  }

  /** On a worker thread: the folder's checks touch the file system (a network mount may stall). */
  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN)
  public Uni<Response> add(LibraryInput input) {
    var settings = settings(input);
    String folder = paths.folder("path", input.path()).toString();
    return knownProfile(settings)
        .flatMap(ok -> store.create(folder, settings))
        .onFailure(
            e -> e.getMessage() != null && e.getMessage().contains("library_folder_path_key"))
        .transform(e -> ApiException.conflict("path", folder + " is in the library already"))
        .flatMap(created -> scan(created.id()))
        .map(
            scanning ->
                Response.created(URI.create("/api/library/" + scanning.id()))
                    .entity(scanning)
                    .build());
  }

  /**
   * Changes a folder's profile, extensions, output mode, rescan and settle times (all as for a new
   * folder: a field left out takes its default). Its path stays: a folder elsewhere is another
   * folder. Jobs queued already keep what they were queued with; the next scan uses the new.
   */
  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN)
  public Uni<LibraryFolder> update(@PathParam("id") long id, LibraryInput input) {
    var settings = settings(input);
    return existing(id)
        .invoke(
            stored -> {
              String asked = input.path() == null ? "" : input.path().trim();
              if (asked.length() > 1 && asked.endsWith("/")) {
                asked = asked.substring(0, asked.length() - 1);
              }
              if (!asked.isEmpty() && !asked.equals(stored.path())) {
                throw ApiException.invalid(
                    "path",
                    "a folder's path cannot change ("
                        + stored.path()
                        + "): add "
                        + asked
                        + " as another folder");
              }
            })
        .call(stored -> knownProfile(settings))
        .flatMap(stored -> store.update(id, settings))
        .map(updated -> updated.orElseThrow(() -> ApiException.notFound("library folder", id)));
  }

  /** What a folder is to be, from its input; a 400 naming the first field that is wrong. */
  private static LibraryStore.FolderSettings settings(LibraryInput input) {
    if (input == null) {
      throw ApiException.invalid("path", "the folder is required in the body");
    }
    List<String> extensions = input.extensions() == null ? Extensions.DEFAULT : input.extensions();
    var problem = Extensions.problem(extensions);
    if (problem.isPresent()) {
      throw ApiException.invalid("extensions", problem.get());
    }
    if (input.outputMode() != null && OutputMode.byWire(input.outputMode()).isEmpty()) {
      throw ApiException.invalid(
          "outputMode",
          "outputMode '"
              + input.outputMode()
              + "' is not one of "
              + OutputMode.wireNames()
              + ", or null for the profile's");
    }
    if (input.profileId() == null) {
      throw ApiException.invalid("profileId", "profileId is required");
    }
    int rescanMinutes =
        input.rescanMinutes() == null ? DEFAULT_RESCAN_MINUTES : input.rescanMinutes();
    if (rescanMinutes < 0 || rescanMinutes > 10_080) {
      throw ApiException.invalid(
          "rescanMinutes",
          "rescanMinutes must be 0 (on events only) to 10080, was " + rescanMinutes);
    }
    int settleSeconds =
        input.settleSeconds() == null ? DEFAULT_SETTLE_SECONDS : input.settleSeconds();
    if (settleSeconds < 0 || settleSeconds > 86_400) {
      throw ApiException.invalid(
          "settleSeconds", "settleSeconds must be 0 to 86400, was " + settleSeconds);
    }
    return new LibraryStore.FolderSettings(
        input.profileId(),
        Extensions.clean(extensions),
        input.outputMode(),
        rescanMinutes,
        settleSeconds);
  }

  private Uni<Void> knownProfile(LibraryStore.FolderSettings settings) {
    return store
        .profile(settings.profileId())
        .invoke(
            profile -> {
              if (profile.isEmpty()) {
                throw ApiException.invalid(
                    "profileId", "profile " + settings.profileId() + " does not exist");
              }
            })
        .replaceWithVoid();
  }

  /** Scans the folder again (new files are queued); 409 while a scan of it runs. */
  @POST
  @Path("/{id}/scan")
  @RolesAllowed(Role.ADMIN)
  public Uni<Response> rescan(@PathParam("id") long id) {
    return existing(id).flatMap(folder -> scan(id)).map(f -> Response.accepted(f).build());
  }

  /** Removes the folder from the library; its jobs stay. 409 while a scan of it runs. */
  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN)
  public Uni<Response> delete(@PathParam("id") long id) {
    return existing(id)
        .flatMap(folder -> store.delete(id))
        .map(
            deleted -> {
              if (!deleted) {
                throw ApiException.conflict(null, "folder " + id + " is being scanned");
              }
              return Response.noContent().build();
            });
  }

  private Uni<LibraryFolder> scan(long id) {
    return scanner
        .start(id)
        .map(
            started ->
                started.orElseThrow(
                    () -> ApiException.conflict(null, "folder " + id + " is being scanned")));
  }

  private Uni<LibraryFolder> existing(long id) {
    return store
        .find(id)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("library folder", id)));
  }
}
