package io.optimizarr.encoder.user;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Map;

/**
 * The owner of {@code app_user.session_version}. At a form login it names the new session after the
 * user's current version ({@link SessionPrincipal}), so that the cookie carries it; {@link #end}
 * moves a user's version on, which ends every session they have: {@link SessionIdentities} refuses
 * a cookie whose version is not the user's, and {@link SessionsEnded} closes their open event
 * streams on this node.
 */
@ApplicationScoped
public class SessionVersions implements SecurityIdentityAugmentor {

  static final String LOGIN_PATH = "/j_security_check";

  private final Pool pool;
  private final SessionIdentities identities;
  private final Event<SessionsEnded> ended;

  SessionVersions(Pool pool, SessionIdentities identities, Event<SessionsEnded> ended) {
    this.pool = pool;
    this.identities = identities;
    this.ended = ended;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    return Uni.createFrom().item(identity);
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity,
      AuthenticationRequestContext context,
      Map<String, Object> attributes) {
    RoutingContext ctx = HttpSecurityUtils.getRoutingContextAttribute(attributes);
    if (identity.isAnonymous()
        || ctx == null
        || !LOGIN_PATH.equals(ctx.normalizedPath())
        || SessionPrincipal.parse(identity.getPrincipal().getName()).isPresent()) {
      return Uni.createFrom().item(identity);
    }
    String username = identity.getPrincipal().getName();
    return pool.preparedQuery("SELECT session_version FROM app_user WHERE username = $1")
        .execute(Tuple.of(username))
        .map(
            rows -> {
              if (rows.size() != 1) {
                return identity;
              }
              var principal = new SessionPrincipal(username, rows.iterator().next().getLong(0));
              return (SecurityIdentity)
                  QuarkusSecurityIdentity.builder(identity)
                      .setPrincipal(new QuarkusPrincipal(principal.cookieName()))
                      .build();
            });
  }

  /**
   * Moves {@code username}'s session version on, in the caller's Hibernate transaction; call {@link
   * #ended} once it committed.
   */
  public Uni<Void> end(String username) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "UPDATE app_user SET session_version = nextval('app_user_session_version')"
                            + " WHERE username = :username")
                    .setParameter("username", username)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * After the change that ended {@code username}'s sessions committed: forgets what this node
   * trusted of them and closes their streams here.
   */
  public void ended(String username) {
    identities.forget(username);
    ended.fire(new SessionsEnded(username));
  }
}
