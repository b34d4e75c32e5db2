package io.optimizarr.encoder.user;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request's API key, as presented, for {@link ApiKeyIdentities}. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {

  private final String key;

  public ApiKeyRequest(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
