package io.optimizarr.encoder.alert;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a webhook's address is and how a delivery to it is written. Notice kinds tell a person (a
 * JSON document for scripts, or the message format of a notification service); media-server kinds
 * ask Plex, Jellyfin or Emby to rescan what a completed job changed in a library folder linked to
 * them. The webhook's {@code secret} means what {@link #secretMeans} says.
 */
public enum WebhookKind {
  /** Optimizarr's own JSON document, signed with the secret when there is one. */
  JSON("json", Secret.OPTIONAL, "an HMAC-SHA256 key that signs each request"),
  /** A Discord channel webhook; its address carries its token. */
  DISCORD("discord", Secret.NONE, ""),
  /** An ntfy topic ({@code https://ntfy.sh/TOPIC}); the secret is an access token. */
  NTFY("ntfy", Secret.OPTIONAL, "an access token (tk_…) for a protected topic"),
  /** A Gotify server; the secret is an application's token. */
  GOTIFY("gotify", Secret.REQUIRED, "the application token"),
  /** An Apprise API notify address ({@code http://apprise:8000/notify/KEY}). */
  APPRISE("apprise", Secret.NONE, ""),
  /** {@code mailto:} addresses, sent through the SMTP server the node is configured with. */
  EMAIL("email", Secret.NONE, ""),
  /** A Plex Media Server; the secret is an X-Plex-Token. */
  PLEX("plex", Secret.REQUIRED, "the X-Plex-Token"),
  /** A Jellyfin server; the secret is an API key (Dashboard → API keys). */
  JELLYFIN("jellyfin", Secret.REQUIRED, "an API key"),
  /** An Emby server; the secret is an API key. */
  EMBY("emby", Secret.REQUIRED, "an API key");

  /** Whether a kind takes a secret. */
  enum Secret {
    NONE,
    OPTIONAL,
    REQUIRED
  }

  private final String wireName;
  private final Secret secret;
  private final String secretMeans;

  WebhookKind(String wireName, Secret secret, String secretMeans) {
    this.wireName = wireName;
    this.secret = secret;
    this.secretMeans = secretMeans;
  }

  public String wireName() {
    return wireName;
  }

  Secret secret() {
    return secret;
  }

  /** What the secret is for this kind; empty where it takes none. */
  String secretMeans() {
    return secretMeans;
  }

  /** Plex, Jellyfin and Emby: told only of completed jobs, which they rescan. */
  public boolean isMediaServer() {
    return this == PLEX || this == JELLYFIN || this == EMBY;
  }

  public static Optional<WebhookKind> byName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(WebhookKind::wireName).toList();
  }
}
