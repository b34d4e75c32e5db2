package io.optimizarr.encoder.user;

import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start on a configured secret that {@link SecretRules} refuses, before the first admin
 * is created or a request served, saying which variable and how to generate a real value. Without a
 * session key, sessions use a key random per start (a warning says so: they end on restart and do
 * not hold across nodes).
 */
@ApplicationScoped
public class ConfiguredSecrets {

  /** Thrown to stop the start; its message is the whole explanation. */
  public static final class RefusedSecret extends RuntimeException {
    RefusedSecret(String message) {
      super(message, null, false, false);
    }
  }

  void check(@Observes @Priority(1) StartupEvent event, EncoderConfig config) {
    List<String> problems = new ArrayList<>();
    config
        .sessionKey()
        .ifPresentOrElse(
            key -> SecretRules.sessionKeyProblem(key).ifPresent(problems::add),
            () ->
                Log.warn(
                    "No OPTIMIZARR_SESSION_KEY: browser sessions use a key made for this start and"
                        + " end when it stops. Set one ("
                        + SecretRules.GENERATE
                        + "), the same on every node."));
    config
        .adminPassword()
        .filter(p -> !p.isEmpty())
        .flatMap(SecretRules::adminPasswordProblem)
        .ifPresent(problems::add);
    if (!problems.isEmpty()) {
      String message = "Refusing to start: " + String.join(" ", problems);
      Log.error(message);
      throw new RefusedSecret(message);
    }
  }
}
