package io.optimizarr.encoder.user;

import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who a browser session belongs to. The session cookie names its user and their session version
 * ({@link SessionPrincipal}, encrypted and signed by Quarkus); this reads that user's role and
 * current version from {@code app_user} and trusts them for {@code
 * optimizarr.login.session-recheck}, so that a page of the UI does not cost a database read and a
 * Hibernate session before its own work. A cookie whose version is not the user's current one (the
 * user changed or was given a password, logged out, or was deleted and perhaps created again) is
 * refused; a change on this node is seen at once ({@link #forget}), one on another node within the
 * recheck. Takes precedence over security-jpa's provider for the same requests; passwords (HTTP
 * Basic, the login form) still go through security-jpa.
 */
@ApplicationScoped
public class SessionIdentities implements IdentityProvider<TrustedAuthenticationRequest> {

  private record Known(SecurityIdentity identity, long version, long recheckAtNanos) {}

  private final Pool pool;
  private final long recheckNanos;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  /** Counts {@link #forget} calls: a read that began before one is not kept. */
  private final AtomicLong forgets = new AtomicLong();

  SessionIdentities(Pool pool, EncoderConfig config) {
    this.pool = pool;
    this.recheckNanos = config.login().sessionRecheck().toNanos();
  }

  @Override
  public Class<TrustedAuthenticationRequest> getRequestType() {
    return TrustedAuthenticationRequest.class;
  }

  /** Ahead of security-jpa's provider, which has the default priority. */
  @Override
  public int priority() {
    return IdentityProvider.super.priority() + 1;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
    var session = SessionPrincipal.parse(request.getPrincipal()).orElse(null);
    if (session == null) {
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("a session without a version"));
    }
    String username = session.username();
    Known cached = known.get(username);
    if (cached != null
        && cached.version() == session.version()
        && System.nanoTime() - cached.recheckAtNanos() < 0) {
      return Uni.createFrom().item(cached.identity());
    }
    long forgetsBefore = forgets.get();
    return pool.preparedQuery("SELECT role, session_version FROM app_user WHERE username = $1")
        .execute(Tuple.of(username))
        .map(
            rows -> {
              if (rows.size() != 1) {
                known.remove(username);
                throw new AuthenticationFailedException("no user " + username);
              }
              Row row = rows.iterator().next();
              long current = row.getLong("session_version");
              SecurityIdentity identity =
                  QuarkusSecurityIdentity.builder()
                      .setPrincipal(new QuarkusPrincipal(session.cookieName()))
                      .addRole(row.getString("role"))
                      .build();
              if (forgets.get() == forgetsBefore && current == session.version()) {
                known.put(username, new Known(identity, current, System.nanoTime() + recheckNanos));
              }
              if (current != session.version()) {
                throw new AuthenticationFailedException("a session that has ended");
              }
              return identity;
            });
  }

  /** Reads this user again on their next request (after the change that calls this committed). */
  void forget(String username) {
    forgets.incrementAndGet();
    known.remove(username);
  }
}
