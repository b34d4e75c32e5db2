package io.optimizarr.encoder.user;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Holds a password check (HTTP Basic and the login form alike) for as long as {@link LoginThrottle}
 * says for its address and user name, then hands it on: it answers no identity itself, so
 * security-jpa's provider, next in priority, checks the password. Notes the user name on the
 * request, where {@link LoginThrottleFilter} counts the outcome.
 */
@ApplicationScoped
public class ThrottledLogins implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private final LoginThrottle throttle;
  private final Vertx vertx;

  ThrottledLogins(LoginThrottleFilter filter, Vertx vertx) {
    this.throttle = filter.throttle();
    this.vertx = vertx;
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  /** Ahead of security-jpa's provider, which has the default priority. */
  @Override
  public int priority() {
    return IdentityProvider.super.priority() + 1;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    RoutingContext ctx = HttpSecurityUtils.getRoutingContextAttribute(request);
    if (ctx == null) {
      return Uni.createFrom().nullItem();
    }
    String username = request.getUsername();
    ctx.put(LoginThrottleFilter.TRIED_USER, username);
    long delay =
        throttle.delayMillis(
            LoginThrottleFilter.address(ctx), username, System.currentTimeMillis());
    if (delay == 0) {
      return Uni.createFrom().nullItem();
    }
    return Uni.createFrom().emitter(e -> vertx.setTimer(delay, id -> e.complete(null)));
  }
}
