package io.optimizarr.encoder.integration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a Sonarr or Radarr webhook ({@code Settings → Connect → Webhook}) says, read from its JSON:
 * a {@code Download} event (an import, {@code isUpgrade} for an upgrade) names the imported files;
 * {@code Test} is the button in their form; their other events are known and left alone. Pure.
 */
public sealed interface ArrEvent {

  /** Which program sent it, by the object its payload is about. */
  enum Source {
    SONARR,
    RADARR
  }

  /** The *arr tools' test button: answered 200, nothing queued. */
  record Test(Source source) implements ArrEvent {}

  /** Files imported, as the sender sees their paths. */
  record Imported(Source source, List<String> paths, boolean upgrade) implements ArrEvent {}

  /** An event of theirs that queues nothing (a grab, a rename, a health check…). */
  record Ignored(Source source, String eventType) implements ArrEvent {}

  /** A payload that is not a Sonarr or Radarr event: {@code field} names what is wrong. */
  final class Malformed extends RuntimeException {
    private final String field;

    Malformed(String field, String detail) {
      super(detail);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** Their event types that queue nothing here. */
  Set<String> IGNORED =
      Set.of(
          "Grab",
          "Rename",
          "SeriesAdd",
          "SeriesDelete",
          "EpisodeFileDelete",
          "MovieAdded",
          "MovieDelete",
          "MovieFileDelete",
          "Health",
          "HealthRestored",
          "ApplicationUpdate",
          "ManualInteractionRequired");

  /**
   * Reads a payload.
   *
   * @throws Malformed when it is not a Sonarr or Radarr event, or an import names no file
   */
  static ArrEvent read(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new Malformed(null, "the body must be a Sonarr or Radarr webhook's JSON object");
    }
    JsonNode type = payload.get("eventType");
    if (type == null || !type.isTextual()) {
      throw new Malformed("eventType", "eventType is missing: not a Sonarr or Radarr webhook");
    }
    String eventType = type.asText();
    Source source;
    if (payload.hasNonNull("series")) {
      source = Source.SONARR;
    } else if (payload.hasNonNull("movie")) {
      source = Source.RADARR;
    } else {
      throw new Malformed(null, "neither series (Sonarr) nor movie (Radarr) in the payload");
    }
    if (eventType.equals("Test")) {
      return new Test(source);
    }
    if (IGNORED.contains(eventType)) {
      return new Ignored(source, eventType);
    }
    if (!eventType.equals("Download")) {
      throw new Malformed(
          "eventType", "eventType " + eventType + " is not a Sonarr or Radarr event this knows");
    }
    List<String> paths =
        source == Source.SONARR
            ? files(payload, "episodeFile", "episodeFiles", "series", "path")
            : files(payload, "movieFile", "movieFiles", "movie", "folderPath");
    if (paths.isEmpty()) {
      String file = source == Source.SONARR ? "episodeFile" : "movieFile";
      throw new Malformed(file, "a Download event needs " + file + ".path");
    }
    return new Imported(source, paths, payload.path("isUpgrade").asBoolean(false));
  }

  private static List<String> files(
      JsonNode payload, String one, String many, String owner, String folderField) {
    var nodes = new ArrayList<JsonNode>();
    if (payload.hasNonNull(one)) {
      nodes.add(payload.get(one));
    }
    payload.path(many).forEach(nodes::add);
    String folder = payload.path(owner).path(folderField).asText("");
    var paths = new ArrayList<String>();
    for (JsonNode file : nodes) {
      String path = file.path("path").asText("");
      String relative = file.path("relativePath").asText("");
      if (path.isEmpty() && !relative.isEmpty() && !folder.isEmpty()) {
        path = folder + "/" + relative;
      }
      if (path.isEmpty()) {
        throw new Malformed(one, one + " without path or relativePath");
      }
      if (!paths.contains(path)) {
        paths.add(path);
      }
    }
    return paths;
  }
}
