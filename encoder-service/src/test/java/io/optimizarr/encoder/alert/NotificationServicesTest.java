package io.optimizarr.encoder.alert;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.ServiceFakes;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discord, ntfy, Gotify and the Apprise API told of a real encode, each in its own format, against
 * a local server that checks what each service checks; a token the service refuses fails the
 * delivery at once, saying so.
 */
@QuarkusTest
class NotificationServicesTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("notification-services");
  private ServiceFakes services;

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    Files.createDirectories(MEDIA);
    services = new ServiceFakes();
  }

  @AfterEach
  void close() {
    services.close();
  }

  static int webhook(String name, String kind, String url, String secret, List<String> events) {
    var body = new HashMap<String, Object>();
    body.put("name", name);
    body.put("kind", kind);
    body.put("url", url);
    body.put("events", events);
    if (secret != null) {
      body.put("secret", secret);
    }
    return Users.createdId("/api/webhooks", body);
  }

  @Test
  void shouldTellEachServiceOfAnEncodeInItsOwnFormat() throws Exception {
    var events = List.of("job.completed", "job.failed");
    int discord =
        webhook("discord", "discord", services.url() + "/api/webhooks/42/T0ken-x", null, events);
    int ntfy =
        webhook("ntfy", "ntfy", services.url() + "/private", ServiceFakes.NTFY_TOKEN, events);
    int gotify = webhook("gotify", "gotify", services.url(), ServiceFakes.GOTIFY_TOKEN, events);
    int apprise = webhook("apprise", "apprise", services.url() + "/notify/home", null, events);
    asAdmin()
        .get("/api/webhooks/" + ntfy)
        .then()
        .body("kind", equalTo("ntfy"))
        .body("hasSecret", equalTo(true));

    Path input = Clips.clip(MEDIA, "clip-2s.mkv", 2);
    int id =
        job(
            input.toString(),
            "told.mkv",
            profile("x264 for services", "libx264", 30, "ultrafast", "mkv"));
    until(id, "COMPLETED", Duration.ofSeconds(60));

    for (int webhook : List.of(discord, ntfy, gotify, apprise)) {
      assertThat(WebhooksTest.settled(webhook))
          .as("webhook %d", webhook)
          .containsEntry("state", "DELIVERED")
          .containsEntry("attempts", 1);
    }
    var embed = services.received("/api/webhooks/42/").get(0).json().path("embeds").get(0);
    assertThat(embed.path("title").asText()).isEqualTo("Encoded clip-2s.mkv");
    assertThat(embed.path("description").asText())
        .containsPattern("^(Saved|Grew by) ")
        .contains("told.mkv");

    var published =
        services.received().stream().filter(r -> r.path().equals("/")).findFirst().orElseThrow();
    assertThat(published.json().path("topic").asText()).isEqualTo("private");
    assertThat(published.json().path("title").asText()).isEqualTo("Encoded clip-2s.mkv");
    assertThat(published.answered()).isEqualTo(200);

    var message = services.received("/message").get(0);
    assertThat(message.json().path("message").asText()).contains(input.toString());
    assertThat(message.json().path("priority").asInt()).isEqualTo(4);

    var notified = services.received("/notify/home").get(0).json();
    assertThat(notified.path("type").asText()).isEqualTo("success");
    assertThat(notified.path("title").asText()).isEqualTo("Encoded clip-2s.mkv");
  }

  @Test
  void shouldFailAtOnceWhenTheServiceRefusesTheToken() {
    int gotify =
        webhook("wrong token", "gotify", services.url(), "not-the-token", List.of("job.failed"));
    int ntfy =
        webhook("no token", "ntfy", services.url() + "/private", null, List.of("job.failed"));

    asAdmin().post("/api/webhooks/" + gotify + "/test").then().statusCode(202);
    asAdmin().post("/api/webhooks/" + ntfy + "/test").then().statusCode(202);

    assertThat(WebhooksTest.settled(gotify))
        .containsEntry("state", "FAILED")
        .containsEntry("attempts", 1)
        .containsEntry("statusCode", 401)
        .containsEntry("error", "the receiver answered HTTP 401");
    assertThat(WebhooksTest.settled(ntfy))
        .containsEntry("state", "FAILED")
        .containsEntry("statusCode", 403);
    await().atMost(Duration.ofSeconds(2)).until(() -> services.received().size() == 2);
  }

  @Test
  void shouldRefuseWhatAServiceCouldNotTakeNamingTheField() {
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "n",
                "kind",
                "ntfy",
                "url",
                services.url() + "/",
                "events",
                List.of("job.failed")))
        .post("/api/webhooks")
        .then()
        .statusCode(400)
        .body("errors.url", org.hamcrest.Matchers.containsString("https://HOST/TOPIC"));
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "n",
                "kind",
                "pushover",
                "url",
                services.url(),
                "events",
                List.of("job.failed")))
        .post("/api/webhooks")
        .then()
        .statusCode(400)
        .body("errors.keySet()", org.hamcrest.Matchers.contains("kind"));
    int discord =
        webhook("d", "discord", services.url() + "/api/webhooks/1/t", null, List.of("job.failed"));
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "d",
                "kind",
                "gotify",
                "url",
                services.url(),
                "events",
                List.of("job.failed")))
        .put("/api/webhooks/" + discord)
        .then()
        .statusCode(400)
        .body("errors.secret", org.hamcrest.Matchers.containsString("application token"));
    assertThat(TestDatabase.count("SELECT count(*) FROM webhook")).isEqualTo(1);
  }
}
