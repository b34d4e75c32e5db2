package io.optimizarr.encoder.alert;

import java.util.EnumSet;
import java.util.List;

/**
 * A webhook as admins send it. {@code secret}: null keeps the stored one on update, "" removes it.
 */
public record WebhookInput(
    String name,
    String url,
    String secret,
    List<String> events,
    Integer pausedMinutes,
    Boolean enabled) {

  /** The webhook this input stands for; call only once {@link WebhookRules} found no problem. */
  Webhook toWebhook(long id, String storedSecret) {
    var chosen = EnumSet.noneOf(AlertEvent.class);
    events.forEach(e -> chosen.add(AlertEvent.byName(e.trim()).orElseThrow()));
    String key = secret == null ? storedSecret : secret.isEmpty() ? null : secret;
    return new Webhook(
        id,
        name.trim(),
        url.trim(),
        key,
        chosen,
        pausedMinutes == null ? 30 : pausedMinutes,
        enabled == null || enabled);
  }
}
