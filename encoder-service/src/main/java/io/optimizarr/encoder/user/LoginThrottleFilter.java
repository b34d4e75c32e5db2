package io.optimizarr.encoder.user;

import io.optimizarr.encoder.api.Problem;
import io.optimizarr.encoder.api.ProblemMappers;
import io.optimizarr.encoder.config.EncoderConfig;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Applies {@link LoginThrottle} to every request that carries credentials (HTTP Basic or the login
 * form): refused with 429 and {@code Retry-After} before authentication when its address has too
 * many held attempts open, held by {@link ThrottledLogins} before its password is checked, and
 * counted for its address and user name once answered.
 */
@ApplicationScoped
public class LoginThrottleFilter {

  /** The routing context's key for the user name an attempt tried (set by ThrottledLogins). */
  static final String TRIED_USER = "optimizarr.login.user";

  private final LoginThrottle throttle;

  LoginThrottleFilter(EncoderConfig config) {
    this.throttle =
        new LoginThrottle(config.login().freeFailures(), Math.max(1, config.login().maxInFlight()));
  }

  LoginThrottle throttle() {
    return throttle;
  }

  void register(@Observes Router router) {
    // Before Quarkus's authentication handler, which runs at a later order.
    router.route().order(Integer.MIN_VALUE).handler(this::handle);
  }

  static String address(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null
        ? "?"
        : ctx.request().remoteAddress().hostAddress();
  }

  private void handle(RoutingContext ctx) {
    if (!carriesCredentials(ctx)) {
      ctx.next();
      return;
    }
    String address = address(ctx);
    var admission = throttle.open(address, System.currentTimeMillis());
    if (!admission.admitted()) {
      long seconds = (admission.retryAfterMillis() + 999) / 1000;
      ctx.response()
          .setStatusCode(429)
          .putHeader("Retry-After", Long.toString(seconds))
          .putHeader("Content-Type", ProblemMappers.PROBLEM_JSON.toString())
          .end(
              Json.encode(
                  new Problem(
                      "Too Many Requests",
                      429,
                      "too many login attempts from this address at once; try again in "
                          + seconds
                          + " s",
                      null,
                      null)));
      return;
    }
    ctx.addEndHandler(ignored -> throttle.closed(address));
    ctx.addHeadersEndHandler(
        ignored -> {
          String user = triedUser(ctx);
          int status = ctx.response().getStatusCode();
          if (status == 401) {
            throttle.failed(address, user, System.currentTimeMillis());
          } else if (status < 400) {
            throttle.succeeded(address, user);
          }
        });
    ctx.next();
  }

  /** The user name the attempt tried: as the password check saw it, else from the header. */
  private static String triedUser(RoutingContext ctx) {
    String seen = ctx.get(TRIED_USER);
    if (seen != null) {
      return seen;
    }
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).trim()),
                StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? pair : pair.substring(0, colon);
      } catch (IllegalArgumentException notBase64) {
        return "";
      }
    }
    return "";
  }

  private static boolean carriesCredentials(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    return (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6))
        || ctx.request().path().equals("/j_security_check");
  }
}
