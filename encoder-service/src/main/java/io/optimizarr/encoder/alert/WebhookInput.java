package io.optimizarr.encoder.alert;

import java.util.EnumSet;
import java.util.List;

/**
 * A webhook as admins send it. {@code kind}: null for {@code json}. {@code secret}: null keeps the
 * stored one on update, "" removes it. {@code events}: for a media server, null means {@code
 * job.completed}, the only event it is told of.
 */
public record WebhookInput(
    String name,
    String kind,
    String url,
    String secret,
    List<String> events,
    Integer pausedMinutes,
    Boolean enabled) {

  /** The kind this input names; call only once {@link WebhookRules} found no problem. */
  WebhookKind webhookKind() {
    return kind == null ? WebhookKind.JSON : WebhookKind.byName(kind.trim()).orElseThrow();
  }

  /** The webhook this input stands for; call only once {@link WebhookRules} found no problem. */
  Webhook toWebhook(long id, String storedSecret) {
    WebhookKind chosenKind = webhookKind();
    var chosen = EnumSet.noneOf(AlertEvent.class);
    if (events == null || chosenKind.isMediaServer()) {
      chosen.add(AlertEvent.JOB_COMPLETED);
    } else {
      events.forEach(e -> chosen.add(AlertEvent.byName(e.trim()).orElseThrow()));
    }
    String key = secret == null ? storedSecret : secret.isEmpty() ? null : secret;
    return new Webhook(
        id,
        name.trim(),
        chosenKind,
        url.trim(),
        chosenKind.secret() == WebhookKind.Secret.NONE ? null : key,
        chosen,
        pausedMinutes == null ? 30 : pausedMinutes,
        enabled == null || enabled);
  }
}
