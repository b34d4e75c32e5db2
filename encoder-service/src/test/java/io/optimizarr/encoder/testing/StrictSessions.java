package io.optimizarr.encoder.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Logins as in production (the other tests log in wrongly on purpose and run without the
 * slow-down), and sessions that time out after 3 s, for the tests of both.
 */
public class StrictSessions implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "optimizarr.login.free-failures", "5",
        "quarkus.http.auth.form.timeout", "PT3S",
        "quarkus.http.auth.form.new-cookie-interval", "PT1S");
  }
}
