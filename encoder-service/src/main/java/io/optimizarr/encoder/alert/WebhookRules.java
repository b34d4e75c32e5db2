package io.optimizarr.encoder.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a webhook may say, for its kind. Pure; gives every problem at once. */
final class WebhookRules {

  static final int MAX_URL = 2048;
  static final int MAX_SECRET = 256;
  static final int MAX_RECIPIENTS = 10;
  private static final Pattern NTFY_TOPIC = Pattern.compile("/[-_A-Za-z0-9]{1,64}");
  private static final Pattern ADDRESS =
      Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");

  /**
   * What the input is judged against besides itself.
   *
   * @param storedSecret whether the webhook being changed has a secret already
   * @param mailConfigured whether this node has an SMTP sender address ({@code
   *     quarkus.mailer.from})
   */
  record Context(boolean storedSecret, boolean mailConfigured) {}

  private WebhookRules() {}

  static Map<String, String> problems(WebhookInput in, Context context) {
    var problems = new LinkedHashMap<String, String>();
    if (in.name() == null || in.name().isBlank() || in.name().trim().length() > 100) {
      problems.put("name", "name is required, at most 100 characters");
    } else if (in.name().chars().anyMatch(Character::isISOControl)) {
      problems.put("name", "name may not hold control characters");
    }
    WebhookKind kind =
        in.kind() == null ? WebhookKind.JSON : WebhookKind.byName(in.kind().trim()).orElse(null);
    if (kind == null) {
      problems.put("kind", "kind: '" + in.kind() + "' is not one of " + WebhookKind.names());
      return problems;
    }
    if (kind == WebhookKind.EMAIL && !context.mailConfigured()) {
      problems.put(
          "kind",
          "kind email needs an SMTP server: set QUARKUS_MAILER_FROM and QUARKUS_MAILER_HOST");
    }
    String url = in.url() == null ? "" : in.url().trim();
    if (url.isEmpty() || url.length() > MAX_URL) {
      problems.put("url", "url is required, at most " + MAX_URL + " characters");
    } else if (kind == WebhookKind.EMAIL) {
      recipientProblem(url).ifPresent(p -> problems.put("url", p));
    } else {
      addressProblem(url, kind).ifPresent(p -> problems.put("url", p));
    }
    secretProblem(in.secret(), kind, context).ifPresent(p -> problems.put("secret", p));
    eventsProblem(in.events(), kind).ifPresent(p -> problems.put("events", p));
    if (in.pausedMinutes() != null && (in.pausedMinutes() < 1 || in.pausedMinutes() > 1440)) {
      problems.put("pausedMinutes", "pausedMinutes must be from 1 to 1440");
    }
    return problems;
  }

  /** The {@code mailto:} addresses of an e-mail webhook. */
  static List<String> recipients(String url) {
    return List.of(url.trim().substring("mailto:".length()).split(",")).stream()
        .map(String::trim)
        .filter(a -> !a.isEmpty())
        .toList();
  }

  private static Optional<String> recipientProblem(String url) {
    if (!url.startsWith("mailto:")) {
      return Optional.of("url of an email webhook is mailto:ADDRESS[,ADDRESS…]");
    }
    var to = recipients(url);
    if (to.isEmpty() || to.size() > MAX_RECIPIENTS) {
      return Optional.of("url needs from 1 to " + MAX_RECIPIENTS + " addresses");
    }
    for (String address : to) {
      if (!ADDRESS.matcher(address).matches()) {
        return Optional.of("url: '" + address + "' is not an e-mail address");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> addressProblem(String url, WebhookKind kind) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("url is not a valid address: " + e.getReason());
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      return Optional.of("url must be an http:// or https:// address with a host");
    }
    if (kind == WebhookKind.NTFY
        && (uri.getRawPath() == null || !NTFY_TOPIC.matcher(uri.getRawPath()).matches())) {
      return Optional.of(
          "url of an ntfy webhook is the topic's address, https://HOST/TOPIC (letters, digits, -"
              + " and _)");
    }
    return Optional.empty();
  }

  private static Optional<String> secretProblem(String secret, WebhookKind kind, Context context) {
    if (secret != null && secret.length() > MAX_SECRET) {
      return Optional.of("secret may have at most " + MAX_SECRET + " characters");
    }
    if (secret != null && secret.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("secret may not hold control characters");
    }
    if (kind.secret() == WebhookKind.Secret.NONE && secret != null && !secret.isEmpty()) {
      return Optional.of(
          "secret: a " + kind.wireName() + " webhook takes none (its address says all)");
    }
    boolean missing = secret == null ? !context.storedSecret() : secret.isEmpty();
    if (kind.secret() == WebhookKind.Secret.REQUIRED && missing) {
      return Optional.of(
          "secret is required for a " + kind.wireName() + " webhook: " + kind.secretMeans());
    }
    return Optional.empty();
  }

  private static Optional<String> eventsProblem(List<String> events, WebhookKind kind) {
    if (kind.isMediaServer()) {
      if (events != null
          && !events.stream().allMatch(e -> AlertEvent.JOB_COMPLETED.wireName().equals(e))) {
        return Optional.of(
            "events: a " + kind.wireName() + " server is told only of job.completed");
      }
      return Optional.empty();
    }
    if (events == null || events.isEmpty()) {
      return Optional.of("events needs at least one of " + AlertEvent.subscribable());
    }
    for (String e : events) {
      if (e == null || !AlertEvent.subscribable().contains(e.trim())) {
        return Optional.of("events: '" + e + "' is not one of " + AlertEvent.subscribable());
      }
    }
    return Optional.empty();
  }
}
