package io.optimizarr.encoder.user;

import io.optimizarr.encoder.config.EncoderConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Applies {@link LoginThrottle} to every request that carries credentials (HTTP Basic or the login
 * form): held before authentication when its address has failed too often, and counted after.
 */
@ApplicationScoped
public class LoginThrottleFilter {

  private final LoginThrottle throttle;
  private final Vertx vertx;

  LoginThrottleFilter(Vertx vertx, EncoderConfig config) {
    this.vertx = vertx;
    this.throttle = new LoginThrottle(config.login().freeFailures());
  }

  void register(@Observes Router router) {
    // Before Quarkus's authentication handler, which runs at a later order.
    router.route().order(Integer.MIN_VALUE).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    if (!carriesCredentials(ctx)) {
      ctx.next();
      return;
    }
    String address =
        ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    ctx.addHeadersEndHandler(
        ignored -> {
          int status = ctx.response().getStatusCode();
          if (status == 401) {
            throttle.failed(address, System.currentTimeMillis());
          } else if (status < 400) {
            throttle.succeeded(address);
          }
        });
    long delay = throttle.delayMillis(address, System.currentTimeMillis());
    if (delay == 0) {
      ctx.next();
    } else {
      vertx.setTimer(delay, id -> ctx.next());
    }
  }

  private static boolean carriesCredentials(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    return (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6))
        || ctx.request().path().equals("/j_security_check");
  }
}
