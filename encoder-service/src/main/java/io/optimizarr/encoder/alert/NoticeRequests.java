package io.optimizarr.encoder.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request that tells a notice webhook of an event, in its service's documented format: the
 * document itself (signed) for {@code json}; a Discord embed; an ntfy JSON message POSTed to the
 * server's root with the topic inside; a Gotify message; an Apprise API notification. Pure.
 */
final class NoticeRequests {

  static final int DISCORD_TITLE = 256;
  static final int DISCORD_DESCRIPTION = 4096;

  private final ObjectMapper json;

  NoticeRequests(ObjectMapper json) {
    this.json = json;
  }

  /**
   * @param timestamp epoch seconds, signed with a JSON webhook's body
   */
  HttpRequest of(
      Webhook webhook, AlertEvent event, long deliveryId, String payload, String timestamp) {
    if (webhook.kind() == WebhookKind.JSON) {
      var headers = new LinkedHashMap<String, String>();
      headers.put("Content-Type", "application/json");
      headers.put("X-Optimizarr-Event", event.wireName());
      headers.put("X-Optimizarr-Delivery", Long.toString(deliveryId));
      headers.put(Signature.TIMESTAMP_HEADER, timestamp);
      if (webhook.secret() != null) {
        headers.put(Signature.HEADER, Signature.of(webhook.secret(), timestamp, payload));
      }
      return new HttpRequest("POST", webhook.url(), headers, payload);
    }
    JsonNode document = read(payload);
    Notice notice = Notice.of(document);
    String at = document.path("at").asText(null);
    return switch (webhook.kind()) {
      case DISCORD -> post(webhook.url(), Map.of(), discord(notice, at));
      case NTFY -> ntfy(webhook, notice);
      case GOTIFY ->
          post(
              under(webhook.url(), "message"),
              Map.of("X-Gotify-Key", webhook.secret()),
              Map.of(
                  "title",
                  notice.title(),
                  "message",
                  notice.text(),
                  "priority",
                  gotifyPriority(notice.level())));
      case APPRISE ->
          post(
              webhook.url(),
              Map.of(),
              Map.of(
                  "title",
                  notice.title(),
                  "body",
                  notice.text(),
                  "type",
                  appriseType(notice.level()),
                  "format",
                  "text"));
      default -> throw new IllegalArgumentException(webhook.kind() + " is not a notice kind");
    };
  }

  private Map<String, Object> discord(Notice notice, String at) {
    var embed = new LinkedHashMap<String, Object>();
    embed.put("title", cut(notice.title(), DISCORD_TITLE));
    embed.put("description", cut(notice.text(), DISCORD_DESCRIPTION));
    embed.put("color", discordColour(notice.level()));
    if (at != null) {
      embed.put("timestamp", at);
    }
    return Map.of("username", "Optimizarr", "embeds", List.of(embed));
  }

  /** ntfy's JSON publishing: POST to the server's root, the topic (the address's path) inside. */
  private HttpRequest ntfy(Webhook webhook, Notice notice) {
    URI topicAddress = URI.create(webhook.url());
    String topic = topicAddress.getRawPath().substring(1);
    String root = topicAddress.resolve("/").toString();
    var body = new LinkedHashMap<String, Object>();
    body.put("topic", topic);
    body.put("title", notice.title());
    body.put("message", notice.text());
    body.put("priority", ntfyPriority(notice.level()));
    body.put("tags", List.of(ntfyTag(notice.level())));
    Map<String, String> auth =
        webhook.secret() == null ? Map.of() : Map.of("Authorization", "Bearer " + webhook.secret());
    return post(root, auth, body);
  }

  private HttpRequest post(String url, Map<String, String> auth, Object body) {
    var headers = new LinkedHashMap<String, String>();
    headers.put("Content-Type", "application/json");
    headers.putAll(auth);
    try {
      return new HttpRequest("POST", url, headers, json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(String payload) {
    try {
      return json.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored delivery is not JSON", e);
    }
  }

  /** {@code base} with {@code name} added to its path. */
  static String under(String base, String name) {
    return (base.endsWith("/") ? base : base + "/") + name;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static int discordColour(Notice.Level level) {
    return switch (level) {
      case SUCCESS -> 0x2E7D32;
      case FAILURE -> 0xC62828;
      case WARNING -> 0xEF6C00;
      case INFO -> 0x1565C0;
    };
  }

  private static int ntfyPriority(Notice.Level level) {
    return switch (level) {
      case FAILURE, WARNING -> 4;
      case SUCCESS -> 3;
      case INFO -> 2;
    };
  }

  private static String ntfyTag(Notice.Level level) {
    return switch (level) {
      case SUCCESS -> "white_check_mark";
      case FAILURE -> "x";
      case WARNING -> "warning";
      case INFO -> "information_source";
    };
  }

  private static int gotifyPriority(Notice.Level level) {
    return switch (level) {
      case FAILURE -> 8;
      case WARNING -> 6;
      case SUCCESS -> 4;
      case INFO -> 2;
    };
  }

  private static String appriseType(Notice.Level level) {
    return switch (level) {
      case SUCCESS -> "success";
      case FAILURE -> "failure";
      case WARNING -> "warning";
      case INFO -> "info";
    };
  }
}
