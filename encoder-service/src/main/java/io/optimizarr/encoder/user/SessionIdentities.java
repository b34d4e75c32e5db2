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
 * Who a browser session belongs to. The session cookie names its user (encrypted and signed by
 * Quarkus); this reads that user's role from {@code app_user} and trusts it for {@code
 * optimizarr.login.session-recheck}, so that a page of the UI does not cost a database read and a
 * Hibernate session before its own work. A user deleted on this node is forgotten at once ({@link
 * #forget}); a session of a user that no longer exists is refused. Takes precedence over
 * security-jpa's provider for the same requests; passwords (HTTP Basic, the login form) still go
 * through security-jpa.
 */
@ApplicationScoped
public class SessionIdentities implements IdentityProvider<TrustedAuthenticationRequest> {

  private record Known(SecurityIdentity identity, long recheckAtNanos) {}

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
    String username = request.getPrincipal();
    Known cached = known.get(username);
    if (cached != null && System.nanoTime() - cached.recheckAtNanos() < 0) {
      return Uni.createFrom().item(cached.identity());
    }
    long forgetsBefore = forgets.get();
    return pool.preparedQuery("SELECT role FROM app_user WHERE username = $1")
        .execute(Tuple.of(username))
        .map(
            rows -> {
              if (rows.size() != 1) {
                known.remove(username);
                throw new AuthenticationFailedException("no user " + username);
              }
              Row row = rows.iterator().next();
              SecurityIdentity identity =
                  QuarkusSecurityIdentity.builder()
                      .setPrincipal(new QuarkusPrincipal(username))
                      .addRole(row.getString("role"))
                      .build();
              if (forgets.get() == forgetsBefore) {
                known.put(username, new Known(identity, System.nanoTime() + recheckNanos));
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
