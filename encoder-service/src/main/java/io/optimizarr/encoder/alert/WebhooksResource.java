package io.optimizarr.encoder.alert;

import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.user.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Webhooks, for admins only (their addresses may carry tokens): list, add, change, delete, send a
 * test, and see each one's latest deliveries. A secret is never shown back, only whether there is
 * one. An address that {@link DestinationCheck} refuses is refused when saved (and again at every
 * delivery, where its name may resolve elsewhere by then).
 */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN)
public class WebhooksResource {

  static final int MAX_DELIVERIES = 100;

  /** A webhook as the API shows it. */
  public record WebhookView(
      long id,
      String name,
      String kind,
      String url,
      boolean hasSecret,
      List<String> events,
      int pausedMinutes,
      boolean enabled) {

    static WebhookView of(Webhook w) {
      return new WebhookView(
          w.id(),
          w.name(),
          w.kind().wireName(),
          w.url(),
          w.secret() != null,
          w.events().stream().map(AlertEvent::wireName).toList(),
          w.pausedMinutes(),
          w.enabled());
    }
  }

  /** A library folder a media server rescans, as sent: {@code serverPath} null for the same. */
  public record FolderInput(Long libraryId, String serverPath) {}

  static final int MAX_FOLDERS = 100;

  private final WebhookStore store;
  private final Alerts alerts;
  private final DestinationCheck destinations;
  private final MailAlerts mail;
  private final Vertx vertx;

  WebhooksResource(
      WebhookStore store,
      Alerts alerts,
      DestinationCheck destinations,
      MailAlerts mail,
      Vertx vertx) {
    this.store = store;
    this.alerts = alerts;
    this.destinations = destinations;
    this.mail = mail;
    this.vertx = vertx;
  }

  @GET
  public Uni<List<WebhookView>> list() {
    return store.all().map(all -> all.stream().map(WebhookView::of).toList());
  }

  @GET
  @Path("/{id}")
  public Uni<WebhookView> get(@PathParam("id") long id) {
    return existing(id).map(WebhookView::of);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(WebhookInput input) {
    check(input, false);
    return allowedDestination(input)
        .flatMap(ok -> store.create(input.toWebhook(0, null)))
        .onFailure(WebhooksResource::duplicateName)
        .transform(e -> nameTaken(input))
        .map(
            w ->
                Response.created(URI.create("/api/webhooks/" + w.id()))
                    .entity(WebhookView.of(w))
                    .build());
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<WebhookView> update(@PathParam("id") long id, WebhookInput input) {
    return existing(id)
        .invoke(stored -> check(input, stored.secret() != null))
        .call(stored -> allowedDestination(input))
        .flatMap(stored -> store.update(input.toWebhook(id, stored.secret())))
        .onFailure(WebhooksResource::duplicateName)
        .transform(e -> nameTaken(input))
        .map(w -> WebhookView.of(w.orElseThrow(() -> ApiException.notFound("webhook", id))));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("id") long id) {
    return store
        .delete(id)
        .map(
            deleted -> {
              if (!deleted) {
                throw ApiException.notFound("webhook", id);
              }
              return Response.noContent().build();
            });
  }

  /** Sends a test payload now; answers 202 with the delivery, whose outcome follows. */
  @POST
  @Path("/{id}/test")
  public Uni<Response> test(@PathParam("id") long id) {
    return existing(id)
        .flatMap(alerts::test)
        .flatMap(store::delivery)
        .map(d -> Response.accepted(d.orElseThrow()).build());
  }

  @GET
  @Path("/{id}/deliveries")
  public Uni<List<WebhookStore.Delivery>> deliveries(
      @PathParam("id") long id, @QueryParam("limit") Integer limit) {
    int n = limit == null ? 20 : limit;
    if (n < 1 || n > MAX_DELIVERIES) {
      throw ApiException.invalid("limit", "limit must be from 1 to " + MAX_DELIVERIES);
    }
    return existing(id).flatMap(w -> store.deliveries(id, n));
  }

  private Uni<Webhook> existing(long id) {
    return store
        .find(id)
        .map(found -> found.orElseThrow(() -> ApiException.notFound("webhook", id)));
  }

  /** The library folders a media-server webhook rescans. */
  @GET
  @Path("/{id}/folders")
  public Uni<List<WebhookStore.ServerFolder>> folders(@PathParam("id") long id) {
    return existing(id).flatMap(w -> store.folders(id));
  }

  /**
   * Sets the library folders a media-server webhook rescans, each with its path as the server sees
   * it; answers them as stored.
   */
  @PUT
  @Path("/{id}/folders")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<List<WebhookStore.ServerFolder>> setFolders(
      @PathParam("id") long id, List<FolderInput> input) {
    if (input == null || input.size() > MAX_FOLDERS) {
      throw ApiException.invalid(
          "folders", "the body is a list of at most " + MAX_FOLDERS + " folders");
    }
    var seen = new HashSet<Long>();
    for (FolderInput f : input) {
      if (f == null || f.libraryId() == null) {
        throw ApiException.invalid(
            "libraryId", "each folder needs the libraryId of a library folder");
      }
      if (!seen.add(f.libraryId())) {
        throw ApiException.invalid(
            "libraryId", "library folder " + f.libraryId() + " is named twice");
      }
      if (f.serverPath() != null
          && (!f.serverPath().trim().startsWith("/")
              || f.serverPath().chars().anyMatch(Character::isISOControl))) {
        throw ApiException.invalid(
            "serverPath", "serverPath '" + f.serverPath() + "' is not an absolute path");
      }
    }
    return existing(id)
        .invoke(
            w -> {
              if (!w.kind().isMediaServer()) {
                throw ApiException.invalid(
                    "folders",
                    "only plex, jellyfin and emby webhooks rescan library folders; this one is "
                        + w.kind().wireName());
              }
            })
        .flatMap(w -> store.libraryPaths(seen))
        .flatMap(
            paths -> {
              var folders = new ArrayList<WebhookStore.ServerFolder>();
              for (FolderInput f : input) {
                String here = paths.get(f.libraryId());
                if (here == null) {
                  throw ApiException.invalid(
                      "libraryId", "there is no library folder " + f.libraryId());
                }
                String there = f.serverPath() == null ? here : f.serverPath().trim();
                folders.add(new WebhookStore.ServerFolder(f.libraryId(), here, there));
              }
              return store.setFolders(id, folders);
            })
        .flatMap(done -> store.folders(id));
  }

  private void check(WebhookInput input, boolean storedSecret) {
    if (input == null) {
      throw ApiException.invalid("name", "the webhook is required in the body");
    }
    var problems =
        WebhookRules.problems(input, new WebhookRules.Context(storedSecret, mail.configured()));
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
  }

  /** Fails with a 400 naming {@code url} where its host resolves to a refused address now. */
  private Uni<Void> allowedDestination(WebhookInput input) {
    if (input.webhookKind() == WebhookKind.EMAIL) {
      return Uni.createFrom().voidItem();
    }
    return vertx
        .executeBlocking(Uni.createFrom().item(() -> destinations.target(input.url())))
        .invoke(
            target -> {
              if (target instanceof DestinationCheck.Target.Refused refused) {
                throw ApiException.invalid("url", "url is refused: " + refused.why());
              }
            })
        .replaceWithVoid();
  }

  private static boolean duplicateName(Throwable e) {
    return e.getMessage() != null && e.getMessage().contains("webhook_name_key");
  }

  private static ApiException nameTaken(WebhookInput input) {
    return ApiException.conflict("name", "a webhook named '" + input.name().trim() + "' exists");
  }
}
