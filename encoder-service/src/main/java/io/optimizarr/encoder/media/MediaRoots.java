package io.optimizarr.encoder.media;

import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The configured roots, checked once at start; a root that does not exist is reported. */
public class MediaRoots {

  @Produces
  @Singleton
  MediaPaths mediaPaths(EncoderConfig config) {
    var outputs = config.outputRoots().orElse(config.mediaRoots());
    var paths = new MediaPaths(config.mediaRoots(), outputs);
    if (paths.mediaRoots().size() < config.mediaRoots().size()
        || paths.outputRoots().size() < outputs.size()) {
      Log.warnf(
          "Some media or output roots do not exist and are ignored: configured %s and %s, usable %s and %s",
          config.mediaRoots(), outputs, paths.mediaRoots(), paths.outputRoots());
    }
    return paths;
  }
}
