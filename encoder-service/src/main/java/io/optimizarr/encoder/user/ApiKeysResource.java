package io.optimizarr.encoder.user;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.optimizarr.encoder.api.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * API keys for scripts and integrations: admins create them with a name and a role, list them and
 * revoke them. A key is shown once, in the answer that creates it.
 */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN)
public class ApiKeysResource {

  public record NewKey(String name, String role) {}

  /** A created key: its listing and, this once, the key itself. */
  public record IssuedKey(@JsonUnwrapped ApiKeyView view, String key) {}

  private final ApiKeys keys;
  private final ApiKeyIdentities identities;
  private final SecurityIdentity identity;

  ApiKeysResource(ApiKeys keys, ApiKeyIdentities identities, SecurityIdentity identity) {
    this.keys = keys;
    this.identities = identities;
    this.identity = identity;
  }

  @GET
  public Uni<List<ApiKeyView>> list() {
    return keys.all();
  }

  @POST
  public Uni<Response> create(NewKey body) {
    var errors = new LinkedHashMap<String, String>();
    String name = body == null || body.name() == null ? null : body.name().trim();
    if (name == null || !name.matches("[A-Za-z0-9 ._-]{1,64}")) {
      errors.put("name", "name must be 1 to 64 letters, digits, spaces, '.', '_' or '-'");
    }
    if (body == null || !Role.isRole(body.role())) {
      errors.put("role", "role must be admin or viewer");
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    String key = ApiKeySecret.generate();
    return keys.create(
            name,
            body.role(),
            ApiKeySecret.sha256(key),
            ApiKeySecret.shown(key),
            SessionPrincipal.username(identity))
        .map(
            created -> {
              ApiKeyView view =
                  created.orElseThrow(
                      () -> ApiException.conflict("name", "an API key named " + name + " exists"));
              return Response.created(URI.create("/api/keys/" + view.id()))
                  .entity(new IssuedKey(view, key))
                  .build();
            });
  }

  /** Revokes a key: refused from its next request on, on this node at once. */
  @DELETE
  @Path("/{id}")
  public Uni<Response> revoke(@PathParam("id") long id) {
    return keys.delete(id)
        .map(
            deleted -> {
              if (!deleted) {
                throw ApiException.notFound("API key", id);
              }
              identities.forgetAll();
              return Response.noContent().build();
            });
  }
}
