package io.optimizarr.encoder.user;

import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who an API key stands for: the key's SHA-256 looked up in {@code api_key}, trusted for {@code
 * optimizarr.login.session-recheck} as a session is, so a script's requests cost one hash and no
 * database read; a key revoked on this node is refused at once ({@link #forgetAll}), on another
 * node within the recheck. The identity is named {@code key/NAME} (a name no user can have) with
 * the key's role. When it was last used is written at most once a minute per key and node.
 */
@ApplicationScoped
public class ApiKeyIdentities implements IdentityProvider<ApiKeyRequest> {

  /** What identities of keys are called: {@code key/} and the key's name. */
  public static final String NAME_PREFIX = "key/";

  private static final long NOTE_USE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private record Known(SecurityIdentity identity, long keyId, long recheckAtNanos) {}

  private final ApiKeys keys;
  private final long recheckNanos;
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private final Map<Long, Long> usedNotedAt = new ConcurrentHashMap<>();
  private final AtomicLong forgets = new AtomicLong();

  ApiKeyIdentities(ApiKeys keys, EncoderConfig config) {
    this.keys = keys;
    this.recheckNanos = config.login().sessionRecheck().toNanos();
  }

  @Override
  public Class<ApiKeyRequest> getRequestType() {
    return ApiKeyRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      ApiKeyRequest request, AuthenticationRequestContext context) {
    if (!ApiKeySecret.plausible(request.key())) {
      return Uni.createFrom().failure(new AuthenticationFailedException("not an API key"));
    }
    String sha256 = ApiKeySecret.sha256(request.key());
    Known cached = known.get(sha256);
    if (cached != null && System.nanoTime() - cached.recheckAtNanos() < 0) {
      noteUse(cached.keyId());
      return Uni.createFrom().item(cached.identity());
    }
    long forgetsBefore = forgets.get();
    return keys.holder(sha256)
        .map(
            holder -> {
              if (holder.isEmpty()) {
                known.remove(sha256);
                throw new AuthenticationFailedException("no such API key");
              }
              SecurityIdentity identity =
                  QuarkusSecurityIdentity.builder()
                      .setPrincipal(new QuarkusPrincipal(NAME_PREFIX + holder.get().name()))
                      .addRole(holder.get().role())
                      .build();
              if (forgets.get() == forgetsBefore) {
                known.put(
                    sha256,
                    new Known(identity, holder.get().id(), System.nanoTime() + recheckNanos));
              }
              noteUse(holder.get().id());
              return identity;
            });
  }

  /** Whether an identity came from an API key rather than a user. */
  public static boolean isKey(SecurityIdentity identity) {
    return identity.getPrincipal().getName().startsWith(NAME_PREFIX);
  }

  /** Reads every key again on its next request (after a revocation committed). */
  void forgetAll() {
    forgets.incrementAndGet();
    known.clear();
  }

  private void noteUse(long keyId) {
    long now = System.nanoTime();
    Long last = usedNotedAt.get(keyId);
    if (last != null && now - last < NOTE_USE_EVERY_NANOS) {
      return;
    }
    usedNotedAt.put(keyId, now);
    keys.used(keyId)
        .subscribe()
        .with(
            done -> {},
            failure -> Log.debugf(failure, "Could not note the use of API key %d", keyId));
  }
}
