package io.optimizarr.encoder.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/logout}: ends a browser's session by expiring its login cookie. The cookie holds
 * the whole (encrypted) session, so the browser forgetting it is the end of the session.
 */
@Path("/api/logout")
public class LogoutResource {

  private final String cookie;

  LogoutResource(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookie) {
    this.cookie = cookie;
  }

  @POST
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Response logout() {
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
