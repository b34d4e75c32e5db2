package io.optimizarr.encoder.alert;

import io.optimizarr.encoder.integration.PathMappings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a media server is asked to rescan after a job completed: the output (created, or modified
 * where it took the input's place) and an input that is gone, each as the server sees it through
 * the library folders linked to it. Nothing where no linked folder holds the output. Pure.
 */
final class Rescans {

  private Rescans() {}

  static List<MediaServerRequests.Update> of(
      List<WebhookStore.ServerFolder> folders, Path input, Path output, boolean inputGone) {
    if (folders.isEmpty()) {
      return List.of();
    }
    var mappings =
        PathMappings.of(
            folders.stream()
                .map(f -> new PathMappings.Mapping(f.libraryPath(), f.serverPath()))
                .toList());
    var updates = new ArrayList<MediaServerRequests.Update>();
    mappings
        .map(output.toString())
        .ifPresent(
            path ->
                updates.add(
                    new MediaServerRequests.Update(
                        path,
                        output.equals(input)
                            ? MediaServerRequests.Change.Modified
                            : MediaServerRequests.Change.Created)));
    if (!updates.isEmpty() && inputGone && !output.equals(input)) {
      mappings
          .map(input.toString())
          .ifPresent(
              path ->
                  updates.add(
                      new MediaServerRequests.Update(path, MediaServerRequests.Change.Deleted)));
    }
    return updates;
  }
}
