package io.optimizarr.encoder.user;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/logout}: ends the user's sessions. The browser's login cookie is expired, and
 * the user's session version moves on ({@link SessionVersions}), so that a copy of that cookie, or
 * of any other of theirs, is refused from then on, and their event streams on this node close.
 */
@Path("/api/logout")
public class LogoutResource {

  private final String cookie;
  private final SecurityIdentity identity;
  private final SessionVersions sessions;

  LogoutResource(
      @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookie,
      SecurityIdentity identity,
      SessionVersions sessions) {
    this.cookie = cookie;
    this.identity = identity;
    this.sessions = sessions;
  }

  @POST
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<Response> logout() {
    String username = SessionPrincipal.username(identity);
    return Panache.withTransaction(() -> sessions.end(username))
        .invoke(() -> sessions.ended(username))
        .map(done -> expired());
  }

  private Response expired() {
    return Response.noContent()
        .cookie(
            new NewCookie.Builder(cookie)
                .value("")
                .path("/")
                .maxAge(0)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build())
        .build();
  }
}
