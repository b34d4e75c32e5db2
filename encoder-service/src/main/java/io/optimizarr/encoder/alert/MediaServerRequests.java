package io.optimizarr.encoder.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requests that ask a media server to rescan what a job changed, as each documents them. Plex:
 * its libraries ({@code GET /library/sections}), then a partial scan of the changed file's folder
 * in the library that holds it ({@code GET /library/sections/KEY/refresh?path=…}), with the token
 * in {@code X-Plex-Token}. Jellyfin and Emby: {@code POST /Library/Media/Updated} naming each path
 * and whether it was created, modified or deleted, with the API key in Jellyfin's {@code
 * Authorization: MediaBrowser Token="…"} or Emby's {@code X-Emby-Token}. A test asks for something
 * that needs the token. Paths are as the server sees them (the delivery's {@code rescan} list).
 * Pure.
 */
final class MediaServerRequests {

  /** A path the server should look at again, and what happened to it. */
  record Update(String path, Change change) {}

  /** As Jellyfin and Emby name them. */
  enum Change {
    Created,
    Modified,
    Deleted
  }

  private final ObjectMapper json;

  MediaServerRequests(ObjectMapper json) {
    this.json = json;
  }

  /** A request that succeeds only where the address is the server's and the secret is accepted. */
  HttpRequest test(Webhook server) {
    return switch (server.kind()) {
      case PLEX -> sections(server);
      case JELLYFIN ->
          new HttpRequest(
              "GET", NoticeRequests.under(server.url(), "System/Info"), auth(server), null);
      case EMBY ->
          new HttpRequest(
              "GET", NoticeRequests.under(server.url(), "emby/System/Info"), auth(server), null);
      default -> throw new IllegalArgumentException(server.kind() + " is not a media server");
    };
  }

  /** Plex's libraries, with each one's folders. */
  HttpRequest sections(Webhook plex) {
    return new HttpRequest(
        "GET", NoticeRequests.under(plex.url(), "library/sections"), auth(plex), null);
  }

  /**
   * The key of the Plex library one of whose folders holds {@code folder} (the deepest such
   * folder), from the answer to {@link #sections}.
   */
  Optional<String> plexSection(String sectionsAnswer, String folder) {
    JsonNode directories;
    try {
      directories = json.readTree(sectionsAnswer).path("MediaContainer").path("Directory");
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    String best = null;
    int bestLength = -1;
    for (JsonNode section : directories) {
      for (JsonNode location : section.path("Location")) {
        String root = trimSlash(location.path("path").asText(""));
        boolean holds = !root.isEmpty() && (folder.equals(root) || folder.startsWith(root + "/"));
        if (holds && root.length() > bestLength) {
          best = section.path("key").asText();
          bestLength = root.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** A partial scan of {@code folder} in Plex library {@code key}. */
  HttpRequest plexRefresh(Webhook plex, String key, String folder) {
    String url =
        NoticeRequests.under(
                plex.url(),
                "library/sections/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/refresh")
            + "?path="
            + URLEncoder.encode(folder, StandardCharsets.UTF_8);
    return new HttpRequest("GET", url, auth(plex), null);
  }

  /** Jellyfin's or Emby's "media updated" call for {@code updates}. */
  HttpRequest mediaUpdated(Webhook server, List<Update> updates) {
    var list = new ArrayList<Map<String, String>>();
    for (Update u : updates) {
      var update = new LinkedHashMap<String, String>();
      update.put("Path", u.path());
      update.put("UpdateType", u.change().name());
      list.add(update);
    }
    String path =
        server.kind() == WebhookKind.EMBY ? "emby/Library/Media/Updated" : "Library/Media/Updated";
    var headers = new LinkedHashMap<>(auth(server));
    headers.put("Content-Type", "application/json");
    try {
      return new HttpRequest(
          "POST",
          NoticeRequests.under(server.url(), path),
          headers,
          json.writeValueAsString(Map.of("Updates", list)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The delivery's {@code rescan} list; empty for a test. */
  List<Update> updates(String payload) {
    var updates = new ArrayList<Update>();
    try {
      for (JsonNode u : json.readTree(payload).path("rescan")) {
        updates.add(new Update(u.path("path").asText(), Change.valueOf(u.path("change").asText())));
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("a stored rescan delivery cannot be read", e);
    }
    return updates;
  }

  private static Map<String, String> auth(Webhook server) {
    var headers = new LinkedHashMap<String, String>();
    headers.put("Accept", "application/json");
    switch (server.kind()) {
      case PLEX -> headers.put("X-Plex-Token", server.secret());
      case JELLYFIN ->
          headers.put("Authorization", "MediaBrowser Token=\"" + server.secret() + "\"");
      default -> headers.put("X-Emby-Token", server.secret());
    }
    return headers;
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
