package io.optimizarr.encoder.user;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates a request that brings an API key: in the header {@code X-Api-Key}, as the *arr
 * tools send theirs, or, for a tool that can set no header (an older Sonarr or Radarr webhook), in
 * the query parameter {@code apikey}. Tried before HTTP Basic and the session cookie; a request
 * with neither goes on to them, one with a key that is not valid gets 401. It asks for nothing
 * itself: the challenge stays HTTP Basic's.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

  public static final String HEADER = "X-Api-Key";
  public static final String QUERY_PARAMETER = "apikey";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String key = presented(context);
    if (key == null) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key), context));
  }

  /** The key a request brings, the header first; null with none. */
  static String presented(RoutingContext context) {
    String header = context.request().getHeader(HEADER);
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    String query = context.request().getParam(QUERY_PARAMETER);
    return query == null || query.isBlank() ? null : query.trim();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom()
        .item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
  }

  /** Ahead of HTTP Basic and the form's cookie. */
  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY + 1000;
  }
}
