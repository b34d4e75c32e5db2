package io.optimizarr.encoder.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/**
 * Delivers to Plex, Jellyfin and Emby: a test checks that the server takes the secret; a completed
 * job's delivery asks for a rescan of what it changed ({@link MediaServerRequests}). A Plex server
 * with no library holding the changed folder fails the delivery at once, saying so.
 */
@ApplicationScoped
class MediaServers {

  private final HttpCalls http;
  private final MediaServerRequests requests;

  MediaServers(HttpCalls http, ObjectMapper json) {
    this.http = http;
    this.requests = new MediaServerRequests(json);
  }

  Uni<Attempt> send(Webhook server, AlertEvent event, String payload) {
    if (event == AlertEvent.TEST) {
      return http.call(requests.test(server), false).map(Attempt::of);
    }
    var updates = requests.updates(payload);
    if (server.kind() != WebhookKind.PLEX) {
      return http.call(requests.mediaUpdated(server, updates), false).map(Attempt::of);
    }
    Path changed = Path.of(updates.get(0).path());
    String folder =
        changed.getParent() == null ? changed.toString() : changed.getParent().toString();
    return http.call(requests.sections(server), true)
        .flatMap(
            sections -> {
              if (!sections.ok()) {
                return Uni.createFrom().item(Attempt.of(sections));
              }
              return requests
                  .plexSection(sections.body(), folder)
                  .map(
                      key ->
                          http.call(requests.plexRefresh(server, key, folder), false)
                              .map(Attempt::of))
                  .orElseGet(
                      () ->
                          Uni.createFrom()
                              .item(
                                  Attempt.failed(
                                      sections.status(),
                                      "no Plex library holds "
                                          + folder
                                          + " (its folders, as Plex sees them, do not)",
                                      false)));
            });
  }
}
