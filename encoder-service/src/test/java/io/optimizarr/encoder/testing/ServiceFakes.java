package io.optimizarr.encoder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local server that answers as the services' documentation says they do, checking what they
 * check: Discord's channel webhook ({@code POST /api/webhooks/ID/TOKEN}, content or embeds, 204),
 * ntfy's JSON publishing ({@code POST /} with a topic, a bearer token for the protected topic
 * {@code private}), Gotify ({@code POST /message}, {@code X-Gotify-Key}), the Apprise API ({@code
 * POST /notify/KEY}, a body), Plex ({@code GET /library/sections} and {@code
 * /library/sections/KEY/refresh?path=}, {@code X-Plex-Token}), Jellyfin ({@code POST
 * /Library/Media/Updated}, {@code GET /System/Info}, {@code Authorization: MediaBrowser Token}) and
 * Emby (the same under {@code /emby}, {@code X-Emby-Token}). A request a service would refuse is
 * answered as it would be (400, 401); every request is kept.
 */
public final class ServiceFakes implements AutoCloseable {

  public static final String NTFY_TOKEN = "tk_optimizarrtest";
  public static final String GOTIFY_TOKEN = "AbCdEfGotify";
  public static final String PLEX_TOKEN = "plex-token-1";
  public static final String JELLYFIN_KEY = "jellyfin-key-1";
  public static final String EMBY_KEY = "emby-key-1";

  /** One request as received; header names in lower case. */
  public record Received(
      String method,
      String path,
      String query,
      Map<String, String> headers,
      String body,
      int answered) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(body, e);
      }
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private volatile String plexLibraryRoot = "/data/movies";

  public ServiceFakes() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The folder Plex's one library ("Movies", key 1) holds, as Plex sees it. */
  public void plexLibraryRoot(String root) {
    plexLibraryRoot = root;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests to paths starting {@code prefix}. */
  public List<Received> received(String prefix) {
    return received.stream().filter(r -> r.path().startsWith(prefix)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    var headers = new HashMap<String, String>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    int status;
    String answer = "";
    try {
      if (method.equals("POST") && path.matches("/api/webhooks/\\d+/[-_A-Za-z0-9]+")) {
        JsonNode b = json.readTree(body);
        boolean hasContent = b.hasNonNull("content") || b.path("embeds").size() > 0;
        status = hasContent && b.path("embeds").size() <= 10 ? 204 : 400;
      } else if (method.equals("POST") && path.equals("/")) {
        JsonNode b = json.readTree(body);
        String topic = b.path("topic").asText("");
        if (!topic.matches("[-_A-Za-z0-9]{1,64}")) {
          status = 400;
        } else if (topic.equals("private")
            && !("Bearer " + NTFY_TOKEN).equals(headers.get("authorization"))) {
          status = 403;
        } else {
          status = 200;
          answer = "{\"id\":\"x1\",\"event\":\"message\",\"topic\":\"" + topic + "\"}";
        }
      } else if (method.equals("POST") && path.equals("/message")) {
        JsonNode b = json.readTree(body);
        status =
            !GOTIFY_TOKEN.equals(headers.get("x-gotify-key"))
                ? 401
                : b.path("message").asText("").isEmpty() ? 400 : 200;
      } else if (method.equals("POST") && path.startsWith("/notify/")) {
        JsonNode b = json.readTree(body);
        status = b.path("body").asText("").isEmpty() ? 400 : 200;
      } else if (path.startsWith("/library/sections")) {
        if (!PLEX_TOKEN.equals(headers.get("x-plex-token"))) {
          status = 401;
        } else if (path.equals("/library/sections") && method.equals("GET")) {
          status = 200;
          answer =
              "{\"MediaContainer\":{\"size\":1,\"Directory\":[{\"key\":\"1\",\"title\":\"Movies\","
                  + "\"type\":\"movie\",\"Location\":[{\"id\":1,\"path\":\""
                  + plexLibraryRoot
                  + "\"}]}]}}";
        } else if (path.equals("/library/sections/1/refresh")
            && method.equals("GET")
            && query != null
            && query.startsWith("path=")) {
          status = 200;
        } else {
          status = 404;
        }
      } else if (path.equals("/System/Info") || path.equals("/Library/Media/Updated")) {
        status =
            jellyfin(
                method,
                path,
                headers,
                body,
                ("MediaBrowser Token=\"" + JELLYFIN_KEY + "\"")
                    .equals(headers.get("authorization")));
        answer = status == 200 ? "{\"ServerName\":\"fake\"}" : "";
      } else if (path.equals("/emby/System/Info") || path.equals("/emby/Library/Media/Updated")) {
        status =
            jellyfin(
                method,
                path.substring(5),
                headers,
                body,
                EMBY_KEY.equals(headers.get("x-emby-token")));
        answer = status == 200 ? "{\"ServerName\":\"fake\"}" : "";
      } else {
        status = 404;
      }
    } catch (IOException e) {
      status = 400;
    }
    received.add(new Received(method, path, query, headers, body, status));
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0 && status != 204) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  /** Jellyfin's and Emby's System/Info (GET, 200) and Library/Media/Updated (POST, 204). */
  private int jellyfin(
      String method, String path, Map<String, String> headers, String body, boolean authorised)
      throws IOException {
    if (!authorised) {
      return 401;
    }
    if (path.equals("/System/Info")) {
      return method.equals("GET") ? 200 : 405;
    }
    if (!method.equals("POST")) {
      return 405;
    }
    JsonNode updates = json.readTree(body).path("Updates");
    for (JsonNode u : updates) {
      if (u.path("Path").asText("").isEmpty()
          || !List.of("Created", "Modified", "Deleted").contains(u.path("UpdateType").asText())) {
        return 400;
      }
    }
    return updates.size() == 0 ? 400 : 204;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
