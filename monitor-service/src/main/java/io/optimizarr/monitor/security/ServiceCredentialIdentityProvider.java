package io.optimizarr.monitor.security;

import io.optimizarr.monitor.config.MonitorConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Accepts the service user and password from configuration and nobody else. Comparison takes the
 * same time whatever the password's first wrong character.
 */
@ApplicationScoped
public class ServiceCredentialIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  static final String ROLE = "service";

  private final String user;
  private final byte[] password;

  ServiceCredentialIdentityProvider(MonitorConfig config) {
    this.user = config.monitor().user();
    this.password =
        config
            .monitor()
            .password()
            .filter(p -> !p.isBlank())
            .map(p -> p.getBytes(StandardCharsets.UTF_8))
            .orElse(null);
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    if (!matches(request.getUsername(), new String(request.getPassword().getPassword()))) {
      return Uni.createFrom().failure(new AuthenticationFailedException());
    }
    return Uni.createFrom()
        .item(
            QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRole(ROLE)
                .build());
  }

  boolean matches(String givenUser, String givenPassword) {
    if (password == null) {
      return false;
    }
    boolean userMatches =
        MessageDigest.isEqual(
            user.getBytes(StandardCharsets.UTF_8), givenUser.getBytes(StandardCharsets.UTF_8));
    boolean passwordMatches =
        MessageDigest.isEqual(password, givenPassword.getBytes(StandardCharsets.UTF_8));
    return userMatches & passwordMatches;
  }
}
