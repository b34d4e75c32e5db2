package io.optimizarr.encoder.user;

import io.optimizarr.encoder.api.Problem;
import io.optimizarr.encoder.api.ProblemMappers;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Set;

/**
 * Refuses a write that another site's page makes with the user's session cookie: a POST, PUT, PATCH
 * or DELETE gets 403 before authentication, the login form included, where the browser says it
 * comes from another site ({@code Sec-Fetch-Site} other than {@code same-origin} or {@code none})
 * or, from browsers that do not send that header, where its {@code Origin} is not this server
 * ({@code Host}, or {@code X-Forwarded-Host} behind a proxy). Clients that send neither (curl,
 * scripts with HTTP Basic) are not affected. The session cookie is also {@code SameSite=Strict};
 * this holds where a browser ignores that.
 */
@ApplicationScoped
public class CrossSiteFilter {

  private static final Set<HttpMethod> WRITES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  void register(@Observes Router router) {
    // Ahead of the login throttle and of Quarkus's authentication.
    router.route().order(Integer.MIN_VALUE).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String refusal = WRITES.contains(request.method()) ? refusal(request) : null;
    if (refusal == null) {
      ctx.next();
      return;
    }
    ctx.response()
        .setStatusCode(403)
        .putHeader("Content-Type", ProblemMappers.PROBLEM_JSON.toString())
        .end(Json.encode(new Problem("Forbidden", 403, refusal, null, null)));
  }

  /** Why a write is refused as cross-site, or null. */
  static String refusal(HttpServerRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      return site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none")
          ? null
          : "cross-site request refused (Sec-Fetch-Site: " + site + ")";
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return null;
    }
    String host = request.getHeader("X-Forwarded-Host");
    if (host == null) {
      host = request.getHeader("Host");
    }
    return host != null && host.equalsIgnoreCase(authority(origin))
        ? null
        : "cross-site request refused: origin " + origin + " is not this server";
  }

  private static String authority(String origin) {
    try {
      return URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException notAUri) {
      return null;
    }
  }
}
