package io.optimizarr.encoder.alert;

import java.util.Set;

/**
 * A configured webhook: where deliveries go, in what form ({@link WebhookKind}), for which events.
 *
 * @param secret what {@link WebhookKind#secretMeans} says (the HMAC key of a JSON webhook, a token
 *     or API key for a service); null for none
 * @param pausedMinutes how long the governor must have held an encode before {@code
 *     throttle.paused} is sent
 */
public record Webhook(
    long id,
    String name,
    WebhookKind kind,
    String url,
    String secret,
    Set<AlertEvent> events,
    int pausedMinutes,
    boolean enabled) {

  public boolean wants(AlertEvent event) {
    return enabled && (event == AlertEvent.TEST || events.contains(event));
  }
}
