package io.optimizarr.encoder.alert;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.optimizarr.encoder.testing.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a real HTTP receiver: signatures a receiver can check, retries with back-off
 * (0.2 s doubling in tests, 4 attempts), and the events of real encodes.
 */
@QuarkusTest
class WebhooksTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("webhooks");
  private WebhookReceiver receiver;

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    Files.createDirectories(MEDIA);
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  static int webhook(String name, String url, String secret, List<String> events) {
    var body = new HashMap<String, Object>();
    body.put("name", name);
    body.put("url", url);
    body.put("events", events);
    if (secret != null) {
      body.put("secret", secret);
    }
    return Users.createdId("/api/webhooks", body);
  }

  static List<Map<String, Object>> deliveries(int webhook) {
    return asAdmin()
        .get("/api/webhooks/" + webhook + "/deliveries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  static Map<String, Object> settled(int webhook) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                !deliveries(webhook).isEmpty()
                    && !"PENDING".equals(deliveries(webhook).get(0).get("state")));
    return deliveries(webhook).get(0);
  }

  private static String hmac(String secret, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldSendASignedTestAndShowHowItWent() throws Exception {
    int id = webhook("signed", receiver.url(), "s3cret-key", List.of("job.completed"));

    asAdmin()
        .post("/api/webhooks/" + id + "/test")
        .then()
        .statusCode(202)
        .body("event", equalTo("test"))
        .body("state", equalTo("PENDING"));

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    var request = receiver.received().get(0);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("X-Optimizarr-Event")).isEqualTo("test");
    String timestamp = request.header("X-Optimizarr-Timestamp");
    assertThat(request.header("X-Optimizarr-Signature"))
        .isEqualTo(hmac("s3cret-key", timestamp + "." + request.body()));
    var payload = JsonPath.from(request.body());
    assertThat(payload.getString("event")).isEqualTo("test");
    assertThat(payload.getString("node")).isNotBlank();

    var delivery = settled(id);
    assertThat(delivery).containsEntry("state", "DELIVERED").containsEntry("attempts", 1);
    assertThat(delivery.get("statusCode")).isEqualTo(200);
    asAdmin()
        .get("/api/webhooks")
        .then()
        .body("[0].hasSecret", equalTo(true))
        .body("[0]", not(hasKey("secret")));
  }

  @Test
  void shouldRetryWithGrowingWaitsUntilDelivered() throws Exception {
    receiver.failFirst(2, 500);
    int id = webhook("flaky", receiver.url(), null, List.of("job.failed"));

    asAdmin().post("/api/webhooks/" + id + "/test").then().statusCode(202);

    var delivery = settled(id);
    assertThat(delivery).containsEntry("state", "DELIVERED").containsEntry("attempts", 3);
    var times = receiver.received().stream().map(WebhookReceiver.Received::atNanos).toList();
    assertThat(times).hasSize(3);
    long first = times.get(1) - times.get(0);
    long second = times.get(2) - times.get(1);
    assertThat(first).as("first wait").isGreaterThanOrEqualTo(Duration.ofMillis(190).toNanos());
    assertThat(second).as("doubled").isGreaterThanOrEqualTo(Duration.ofMillis(390).toNanos());
    assertThat(receiver.received().get(0).header("X-Optimizarr-Signature")).isNull();
    assertThat(receiver.received())
        .extracting(r -> r.header("X-Optimizarr-Delivery"))
        .containsOnly(receiver.received().get(0).header("X-Optimizarr-Delivery"));
  }

  @Test
  void shouldGiveUpAfterTheLastAttemptAndSayWhy() {
    receiver.failFirst(100, 503);
    int id = webhook("down", receiver.url(), null, List.of("job.failed"));

    asAdmin().post("/api/webhooks/" + id + "/test").then().statusCode(202);

    var delivery = settled(id);
    assertThat(delivery)
        .containsEntry("state", "FAILED")
        .containsEntry("attempts", 4)
        .containsEntry("statusCode", 503)
        .containsEntry("error", "the receiver answered HTTP 503");
  }

  @Test
  void shouldTellOfCompletedAndFailedEncodes() throws Exception {
    webhook("jobs", receiver.url(), null, List.of("job.completed", "job.failed"));
    Path input = Clips.clip(MEDIA, "clip-4s.mkv", 4);
    Path broken = MEDIA.resolve("broken.mkv");
    Files.writeString(broken, "not a film");
    int profile = profile("x264 for webhooks", "libx264", 23, "ultrafast", "mkv");

    int good = job(input.toString(), "hooked.mkv", profile);
    until(good, "COMPLETED", Duration.ofSeconds(60));
    int bad = job(broken.toString(), "never.mkv", profile);
    until(bad, "FAILED", Duration.ofSeconds(60));

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
    var completed = JsonPath.from(receiver.received("job.completed").get(0).body());
    assertThat(completed.getInt("job.id")).isEqualTo(good);
    assertThat(completed.getString("job.outputPath")).endsWith("hooked.mkv");
    var failed = JsonPath.from(receiver.received("job.failed").get(0).body());
    assertThat(failed.getInt("job.id")).isEqualTo(bad);
    assertThat(failed.getString("job.reason")).isEqualTo("the input cannot be read");
  }

  @Test
  void shouldTellOfASkippedJobWithWhy() throws Exception {
    webhook("skips", receiver.url(), null, List.of("job.skipped"));
    Path input = Clips.clip(MEDIA, "clip-2s.mkv", 2);
    int h264 =
        Profiles.named("H.264 unless H.264, for webhooks")
            .video("libx264", 23, "ultrafast")
            .container("mkv")
            .with("skipIfTargetCodec", true)
            .create();

    int skipped = job(input.toString(), "never-written.mkv", h264);
    until(skipped, "SKIPPED", Duration.ofSeconds(60));

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    var told = JsonPath.from(receiver.received("job.skipped").get(0).body());
    assertThat(told.getInt("job.id")).isEqualTo(skipped);
    assertThat(told.getString("job.status")).isEqualTo("SKIPPED");
    assertThat(told.getString("job.inputPath")).isEqualTo(input.toString());
    assertThat(told.getString("job.reason")).contains("h264");
  }

  @Test
  void shouldNameEveryBadFieldAndRefuseATakenName() {
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "",
                "url",
                "ftp://example.com/hook",
                "events",
                List.of("job.exploded"),
                "pausedMinutes",
                0))
        .post("/api/webhooks")
        .then()
        .statusCode(400)
        .body("errors.keySet()", containsInAnyOrder("name", "url", "events", "pausedMinutes"));
    webhook("taken", receiver.url(), null, List.of("monitor.lost"));
    asAdmin()
        .contentType("application/json")
        .body(Map.of("name", "taken", "url", receiver.url(), "events", List.of("monitor.lost")))
        .post("/api/webhooks")
        .then()
        .statusCode(409)
        .body("field", equalTo("name"));
    asAdmin().post("/api/webhooks/999999/test").then().statusCode(404);
  }
}
