package io.optimizarr.encoder.alert;

import static io.optimizarr.encoder.alert.WebhooksTest.webhook;
import static io.optimizarr.encoder.job.JobsFixture.get;
import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.runningPid;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.job.JobsFixture;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MovableClock;
import io.optimizarr.encoder.testing.ScriptedMonitor;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.WebhookReceiver;
import io.optimizarr.encoder.testing.WithMovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alerts the governor raises, on the node's clock: an encode held longer than a webhook's limit
 * (the clock moved on instead of waiting half an hour), and a monitor gone silent.
 */
@QuarkusTest
@TestProfile(WithMovableClock.class)
class PauseAlertTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("pause-alerts");
  private WebhookReceiver receiver;

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    TestDatabase.execute(
        "UPDATE resource_settings SET enable_throttling = TRUE, memory_threshold = 85,"
            + " stale_after_seconds = 3, max_concurrent_jobs = 1");
    ScriptedMonitor.set(5, 30);
    ScriptedMonitor.garbage(null);
    MovableClock.set(Instant.now());
    Files.createDirectories(MEDIA);
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void restore() {
    ScriptedMonitor.set(5, 30);
    ScriptedMonitor.garbage(null);
    JobsFixture.cancelUnfinished();
    TestDatabase.execute(
        "UPDATE resource_settings SET enable_throttling = FALSE, stale_after_seconds = 10");
    receiver.close();
  }

  @Test
  void shouldTellOnceOfAnEncodeHeldLongerThanTheWebhooksLimit() throws Exception {
    int hook = webhook("held", receiver.url(), null, List.of("throttle.paused"));
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "held",
                "url",
                receiver.url(),
                "events",
                List.of("throttle.paused"),
                "pausedMinutes",
                30))
        .put("/api/webhooks/" + hook)
        .then()
        .statusCode(200);
    Path input = Clips.clip(MEDIA, "clip-20s.mkv", 20);
    int profile = profile("x265 for alerts", "libx265", 28, "medium", "mkv");
    int id = job(input.toString(), "held.mkv", profile);
    runningPid(id);

    ScriptedMonitor.set(5, 99);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(id).getString("status").equals("PAUSED"));

    MovableClock.advance(Duration.ofMinutes(29));
    await()
        .during(Duration.ofSeconds(Alerts.CHECK_EVERY_SECONDS + 2))
        .atMost(Duration.ofSeconds(Alerts.CHECK_EVERY_SECONDS + 4))
        .until(() -> receiver.received("throttle.paused").isEmpty());
    assertThat(receiver.received("throttle.paused")).as("29 minutes held").isEmpty();

    MovableClock.advance(Duration.ofMinutes(2));
    await()
        .atMost(Duration.ofSeconds(Alerts.CHECK_EVERY_SECONDS * 3))
        .until(() -> receiver.received("throttle.paused").size() == 1);
    var payload = JsonPath.from(receiver.received("throttle.paused").get(0).body());
    assertThat(payload.getInt("job.id")).isEqualTo(id);
    assertThat(payload.getInt("pausedMinutes")).isGreaterThanOrEqualTo(30);
    assertThat(payload.getString("reason")).startsWith("memory");

    await()
        .during(Duration.ofSeconds(Alerts.CHECK_EVERY_SECONDS + 2))
        .atMost(Duration.ofSeconds(Alerts.CHECK_EVERY_SECONDS + 4))
        .until(() -> receiver.received("throttle.paused").size() == 1);
    assertThat(receiver.received("throttle.paused")).as("once per pause").hasSize(1);
  }

  @Test
  void shouldTellOnceOfALostMonitor() throws Exception {
    webhook("lost", receiver.url(), "k", List.of("monitor.lost"));

    ScriptedMonitor.garbage("");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> receiver.received("monitor.lost").size() == 1);
    var payload = JsonPath.from(receiver.received("monitor.lost").get(0).body());
    assertThat(payload.getInt("silentSeconds")).isGreaterThanOrEqualTo(3);
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> receiver.received("monitor.lost").size() == 1);
    assertThat(receiver.received("monitor.lost")).as("once while lost").hasSize(1);
  }
}
