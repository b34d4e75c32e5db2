package io.optimizarr.encoder.alert;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * E-mail webhooks through a real SMTP server (GreenMail on 127.0.0.1:3025, where the test profile
 * points {@code quarkus.mailer}): a test message and a failed encode reach every address; with the
 * server down the delivery is retried and fails, saying why.
 */
@QuarkusTest
class MailAlertsTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("mail-alerts");
  private GreenMail smtp;

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    Files.createDirectories(MEDIA);
    smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void close() {
    smtp.stop();
  }

  static int mailWebhook(String to) {
    return NotificationServicesTest.webhook("mail", "email", to, null, List.of("job.failed"));
  }

  @Test
  void shouldMailATestAndAFailedEncodeToEveryAddress() throws Exception {
    int id = mailWebhook("mailto:owner@example.org, second@example.org");

    asAdmin().post("/api/webhooks/" + id + "/test").then().statusCode(202);
    assertThat(WebhooksTest.settled(id)).containsEntry("state", "DELIVERED");
    assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
    MimeMessage test = smtp.getReceivedMessages()[0];
    assertThat(test.getSubject()).isEqualTo("Optimizarr: Optimizarr test");
    assertThat(test.getFrom()[0].toString()).isEqualTo("optimizarr@test.invalid");
    assertThat(List.of(test.getRecipients(Message.RecipientType.TO)))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("owner@example.org", "second@example.org");

    Path broken = MEDIA.resolve("broken.mkv");
    Files.writeString(broken, "not a film");
    int bad =
        job(
            broken.toString(),
            "never.mkv",
            profile("x264 for mail", "libx264", 30, "ultrafast", "mkv"));
    until(bad, "FAILED", Duration.ofSeconds(60));
    assertThat(smtp.waitForIncomingEmail(10_000, 4)).isTrue();
    MimeMessage failed = null;
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getSubject().startsWith("Optimizarr: Failed")) {
        failed = m;
      }
    }
    assertThat(failed).as("the failed job's mail").isNotNull();
    assertThat(failed.getSubject()).isEqualTo("Optimizarr: Failed: broken.mkv");
    assertThat(failed.getHeader("X-Optimizarr-Event")[0]).isEqualTo("job.failed");
    assertThat(((String) failed.getContent()))
        .contains("the input cannot be read")
        .contains(broken.toString());
  }

  @Test
  void shouldRetryAndSayWhyWhenTheMailServerIsDown() {
    smtp.stop();
    int id = mailWebhook("mailto:owner@example.org");

    asAdmin().post("/api/webhooks/" + id + "/test").then().statusCode(202);

    var delivery = WebhooksTest.settled(id);
    assertThat(delivery).containsEntry("state", "FAILED").containsEntry("attempts", 4);
    assertThat((String) delivery.get("error")).containsIgnoringCase("connect");
    smtp.start();
  }

  @Test
  void shouldRefuseAnAddressThatIsNotOne() {
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "m",
                "kind",
                "email",
                "url",
                "mailto:owner",
                "events",
                List.of("job.failed")))
        .post("/api/webhooks")
        .then()
        .statusCode(400)
        .body("errors.url", containsString("'owner' is not an e-mail address"));
  }
}
