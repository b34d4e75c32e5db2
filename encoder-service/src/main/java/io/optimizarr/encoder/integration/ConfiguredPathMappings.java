package io.optimizarr.encoder.integration;

import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/** This node's {@link PathMappings}, read once; a start with a malformed entry fails, naming it. */
@ApplicationScoped
public class ConfiguredPathMappings {

  private final PathMappings mappings;

  ConfiguredPathMappings(EncoderConfig config) {
    this.mappings = PathMappings.parse(config.pathMappings().orElse(List.of()));
  }

  void check(@Observes StartupEvent event) {
    // Constructing this bean at start is the check: parse() refuses a malformed entry.
  }

  public PathMappings get() {
    return mappings;
  }
}
