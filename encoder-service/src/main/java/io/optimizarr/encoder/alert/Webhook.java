package io.optimizarr.encoder.alert;

import java.util.Set;

/**
 * A configured webhook.
 *
 * @param secret the HMAC key; null for unsigned deliveries
 * @param pausedMinutes how long the governor must have held an encode before {@code
 *     throttle.paused} is sent
 */
public record Webhook(
    long id,
    String name,
    String url,
    String secret,
    Set<AlertEvent> events,
    int pausedMinutes,
    boolean enabled) {

  public boolean wants(AlertEvent event) {
    return enabled && (event == AlertEvent.TEST || events.contains(event));
  }
}
