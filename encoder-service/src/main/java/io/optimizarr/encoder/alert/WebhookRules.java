package io.optimizarr.encoder.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a webhook may say. Pure; gives every problem at once. */
final class WebhookRules {

  static final int MAX_URL = 2048;
  static final int MAX_SECRET = 256;

  private WebhookRules() {}

  static Map<String, String> problems(WebhookInput in) {
    var problems = new LinkedHashMap<String, String>();
    if (in.name() == null || in.name().isBlank() || in.name().trim().length() > 100) {
      problems.put("name", "name is required, at most 100 characters");
    } else if (in.name().chars().anyMatch(Character::isISOControl)) {
      problems.put("name", "name may not hold control characters");
    }
    String url = in.url() == null ? "" : in.url().trim();
    if (url.isEmpty() || url.length() > MAX_URL) {
      problems.put("url", "url is required, at most " + MAX_URL + " characters");
    } else {
      try {
        URI uri = new URI(url);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          problems.put("url", "url must be an http:// or https:// address with a host");
        }
      } catch (URISyntaxException e) {
        problems.put("url", "url is not a valid address: " + e.getReason());
      }
    }
    if (in.secret() != null && in.secret().length() > MAX_SECRET) {
      problems.put("secret", "secret may have at most " + MAX_SECRET + " characters");
    } else if (in.secret() != null && in.secret().chars().anyMatch(Character::isISOControl)) {
      problems.put("secret", "secret may not hold control characters");
    }
    if (in.events() == null || in.events().isEmpty()) {
      problems.put("events", "events needs at least one of " + AlertEvent.subscribable());
    } else {
      for (String e : in.events()) {
        if (e == null || !AlertEvent.subscribable().contains(e.trim())) {
          problems.put("events", "events: '" + e + "' is not one of " + AlertEvent.subscribable());
        }
      }
    }
    if (in.pausedMinutes() != null && (in.pausedMinutes() < 1 || in.pausedMinutes() > 1440)) {
      problems.put("pausedMinutes", "pausedMinutes must be from 1 to 1440");
    }
    return problems;
  }
}
