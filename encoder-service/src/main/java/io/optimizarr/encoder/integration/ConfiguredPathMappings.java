package io.optimizarr.encoder.integration;

import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** This node's {@link PathMappings}, read once; a start with a malformed entry fails, naming it. */
@Startup
@ApplicationScoped
public class ConfiguredPathMappings {

  private final PathMappings mappings;

  ConfiguredPathMappings(EncoderConfig config) {
    try {
      this.mappings = PathMappings.parse(config.pathMappings().orElse(List.of()));
    } catch (IllegalArgumentException e) {
      String message = "Refusing to start: OPTIMIZARR_PATH_MAPPINGS: " + e.getMessage();
      Log.error(message);
      throw new IllegalStateException(message, e);
    }
  }

  public PathMappings get() {
    return mappings;
  }
}
