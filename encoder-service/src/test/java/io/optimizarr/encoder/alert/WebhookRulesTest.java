package io.optimizarr.encoder.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What each kind of webhook must say. */
class WebhookRulesTest {

  static final WebhookRules.Context NEW = new WebhookRules.Context(false, true);

  static WebhookInput input(String kind, String url, String secret, List<String> events) {
    return new WebhookInput("w", kind, url, secret, events, null, null);
  }

  @Test
  void shouldTakeEachKindAsItsServiceIsAddressed() {
    var completed = List.of("job.completed");
    assertThat(WebhookRules.problems(input(null, "https://h/x", null, completed), NEW)).isEmpty();
    assertThat(
            WebhookRules.problems(
                input("discord", "https://discord.com/api/webhooks/1/t", null, completed), NEW))
        .isEmpty();
    assertThat(
            WebhookRules.problems(
                input("ntfy", "https://ntfy.sh/my_films-1", null, completed), NEW))
        .isEmpty();
    assertThat(
            WebhookRules.problems(
                input("gotify", "https://push.example.org", "app", completed), NEW))
        .isEmpty();
    assertThat(
            WebhookRules.problems(
                input("apprise", "http://apprise:8000/notify/k", null, completed), NEW))
        .isEmpty();
    assertThat(
            WebhookRules.problems(
                input("email", "mailto:a@example.org, b@example.org", null, completed), NEW))
        .isEmpty();
    assertThat(WebhookRules.problems(input("plex", "http://plex:32400", "tok", null), NEW))
        .isEmpty();
    assertThat(WebhookRules.problems(input("jellyfin", "http://jf:8096", "key", completed), NEW))
        .isEmpty();
  }

  @Test
  void shouldNameWhatAKindLacksOrCannotTake() {
    var completed = List.of("job.completed");
    assertThat(WebhookRules.problems(input("pushover", "https://h/x", null, completed), NEW))
        .containsOnlyKeys("kind");
    assertThat(WebhookRules.problems(input("ntfy", "https://ntfy.sh/", null, completed), NEW))
        .containsOnlyKeys("url");
    assertThat(WebhookRules.problems(input("ntfy", "https://ntfy.sh/a/b", null, completed), NEW))
        .containsOnlyKeys("url");
    assertThat(
            WebhookRules.problems(
                input("gotify", "https://push.example.org", null, completed), NEW))
        .containsOnlyKeys("secret");
    assertThat(
            WebhookRules.problems(
                input("gotify", "https://push.example.org", null, completed),
                new WebhookRules.Context(true, true)))
        .as("a stored token is kept")
        .isEmpty();
    assertThat(
            WebhookRules.problems(
                input("discord", "https://discord.com/api/webhooks/1/t", "x", completed), NEW))
        .containsOnlyKeys("secret");
    assertThat(
            WebhookRules.problems(
                input("plex", "http://plex:32400", "tok", List.of("job.failed")), NEW))
        .containsOnlyKeys("events");
    assertThat(WebhookRules.problems(input("email", "mailto:nobody", null, completed), NEW))
        .containsOnlyKeys("url");
    assertThat(WebhookRules.problems(input("email", "https://h/x", null, completed), NEW))
        .containsOnlyKeys("url");
    assertThat(
            WebhookRules.problems(
                input("email", "mailto:a@example.org", null, completed),
                new WebhookRules.Context(false, false)))
        .containsOnlyKeys("kind")
        .extractingByKey("kind")
        .asString()
        .contains("QUARKUS_MAILER_FROM");
  }
}
