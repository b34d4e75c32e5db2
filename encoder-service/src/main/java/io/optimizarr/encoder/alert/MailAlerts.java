package io.optimizarr.encoder.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * E-mail webhooks: the event's {@link Notice} as a plain-text message to the {@code mailto:}
 * addresses, through the SMTP server configured by {@code quarkus.mailer.*} (Quarkus' mailer, on
 * Vert.x' mail client). A node without a sender address ({@code quarkus.mailer.from}) refuses
 * e-mail webhooks when they are saved.
 */
@ApplicationScoped
class MailAlerts {

  private final ReactiveMailer mailer;
  private final ObjectMapper json;
  private final boolean configured;

  MailAlerts(
      ReactiveMailer mailer,
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
    this.mailer = mailer;
    this.json = json;
    this.configured = from.filter(f -> !f.isBlank()).isPresent();
  }

  boolean configured() {
    return configured;
  }

  Uni<Attempt> send(Webhook webhook, String payload) {
    JsonNode document;
    try {
      document = json.readTree(payload);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().item(Attempt.failed(null, "a stored delivery is not JSON", false));
    }
    Notice notice = Notice.of(document);
    var mail = new Mail().setSubject("Optimizarr: " + notice.title()).setText(notice.text() + "\n");
    WebhookRules.recipients(webhook.url()).forEach(mail::addTo);
    mail.addHeader("X-Optimizarr-Event", document.path("event").asText());
    return mailer.send(mail).replaceWith(Attempt.delivered(null));
  }
}
