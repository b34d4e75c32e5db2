package io.optimizarr.encoder.alert;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MovableClock;
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
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily digest on a clock the test moves to 08:00 (Europe/Berlin): the day's real encodes
 * counted once, and a day another node claimed not sent again.
 */
@QuarkusTest
@TestProfile(WithMovableClock.class)
class DailyDigestTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("daily-digest");
  private WebhookReceiver receiver;

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    MovableClock.set(Instant.now());
    Files.createDirectories(MEDIA);
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  private List<JsonPath> digestsTo(ZonedDateTime to) {
    return receiver.received("digest.daily").stream()
        .map(r -> JsonPath.from(r.body()))
        .filter(d -> d.getString("digest.to").equals(to.toInstant().toString()))
        .toList();
  }

  @Test
  void shouldCountTheDayOnceAtTheTimeByOneNode() throws Exception {
    WebhooksTest.webhook("digest", receiver.url(), null, List.of("digest.daily"));
    int x264 = profile("x264 for the digest", "libx264", 30, "ultrafast", "mkv");
    int done = job(Clips.clip(MEDIA, "clip-2s.mkv", 2).toString(), "digested.mkv", x264);
    until(done, "COMPLETED", Duration.ofSeconds(60));
    Path broken = MEDIA.resolve("broken.mkv");
    Files.writeString(broken, "not a film");
    until(job(broken.toString(), "never.mkv", x264), "FAILED", Duration.ofSeconds(60));
    var completed = asAdmin().get("/api/jobs/" + done).then().extract().jsonPath();
    long saved = completed.getLong("inputBytes") - completed.getLong("outputBytes");

    ZonedDateTime now = ZonedDateTime.now(MovableClock.ZONE);
    ZonedDateTime eight = now.with(LocalTime.of(8, 0)).withSecond(0).withNano(0);
    ZonedDateTime next = eight.isAfter(now) ? eight : eight.plusDays(1);
    MovableClock.set(next.toInstant().plusSeconds(1));

    await().atMost(Duration.ofSeconds(15)).until(() -> digestsTo(next).size() == 1);
    var digest = digestsTo(next).get(0);
    assertThat(digest.getString("digest.from")).isEqualTo(next.minusDays(1).toInstant().toString());
    assertThat(digest.getLong("digest.completed")).isEqualTo(1);
    assertThat(digest.getLong("digest.failed")).isEqualTo(1);
    assertThat(digest.getLong("digest.skipped")).isZero();
    assertThat(digest.getLong("digest.savedBytes")).isEqualTo(saved);
    assertThat(digest.getLong("digest.queued")).isZero();

    // Another node claimed the next day's digest: this one does not send it too.
    TestDatabase.execute(
        "INSERT INTO digest_sent (day, node) VALUES ('"
            + next.plusDays(1).toLocalDate()
            + "', 'other-node')");
    MovableClock.set(next.plusDays(1).toInstant().plusSeconds(1));
    // Two checks' time without that day's digest.
    await()
        .during(Duration.ofSeconds(DailyDigest.CHECK_EVERY_SECONDS * 2))
        .atMost(Duration.ofSeconds(DailyDigest.CHECK_EVERY_SECONDS * 3))
        .until(() -> digestsTo(next.plusDays(1)).isEmpty());
    assertThat(digestsTo(next)).as("each day once").hasSize(1);
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM digest_sent WHERE day = '" + next.toLocalDate() + "'"))
        .isEqualTo(1);
  }
}
