package io.optimizarr.encoder.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The request each notice kind makes of a recorded job.completed document. */
class NoticeRequestsTest {

  static final String COMPLETED =
      "{\"event\":\"job.completed\",\"at\":\"2026-12-04T10:00:00Z\",\"node\":\"nas\",\"job\":{\"id\":7,"
          + "\"status\":\"COMPLETED\",\"inputPath\":\"/media/films/Heat (1995).mkv\","
          + "\"outputPath\":\"/media/films/Heat (1995).x265.mkv\",\"message\":\"output checked\","
          + "\"inputBytes\":4294967296,\"outputBytes\":1610612736}}";

  private final ObjectMapper json = new ObjectMapper();
  private final NoticeRequests requests = new NoticeRequests(json);

  static Webhook webhook(WebhookKind kind, String url, String secret) {
    return new Webhook(1, "w", kind, url, secret, EnumSet.of(AlertEvent.JOB_COMPLETED), 30, true);
  }

  private JsonNode body(HttpRequest request) throws Exception {
    return json.readTree(request.body());
  }

  @Test
  void shouldSayWhatWasSavedInWords() throws Exception {
    var notice = Notice.of(json.readTree(COMPLETED));
    assertThat(notice.title()).isEqualTo("Encoded Heat (1995).mkv");
    assertThat(notice.text()).startsWith("Saved 2.5 GiB (63 %)\n/media/films/Heat (1995).mkv → ");
    assertThat(notice.text()).endsWith("on node nas");
    assertThat(notice.level()).isEqualTo(Notice.Level.SUCCESS);
  }

  @Test
  void shouldSendTheDocumentItselfSignedToAJsonWebhook() {
    var request =
        requests.of(
            webhook(WebhookKind.JSON, "https://h/x", "k"),
            AlertEvent.JOB_COMPLETED,
            9,
            COMPLETED,
            "100");
    assertThat(request.body()).isEqualTo(COMPLETED);
    assertThat(request.headers())
        .containsEntry("X-Optimizarr-Delivery", "9")
        .containsEntry(Signature.HEADER, Signature.of("k", "100", COMPLETED));
  }

  @Test
  void shouldWriteADiscordEmbed() throws Exception {
    var request =
        requests.of(
            webhook(WebhookKind.DISCORD, "https://discord.com/api/webhooks/1/t", null),
            AlertEvent.JOB_COMPLETED,
            9,
            COMPLETED,
            "100");
    var embed = body(request).path("embeds").get(0);
    assertThat(request.url()).isEqualTo("https://discord.com/api/webhooks/1/t");
    assertThat(embed.path("title").asText()).isEqualTo("Encoded Heat (1995).mkv");
    assertThat(embed.path("color").asInt()).isEqualTo(0x2E7D32);
    assertThat(embed.path("timestamp").asText()).isEqualTo("2026-12-04T10:00:00Z");
    assertThat(request.headers()).doesNotContainKey(Signature.HEADER);
  }

  @Test
  void shouldPublishToNtfysRootWithTheTopicInside() throws Exception {
    var request =
        requests.of(
            webhook(WebhookKind.NTFY, "https://ntfy.example.org/films", "tk_1"),
            AlertEvent.JOB_COMPLETED,
            9,
            COMPLETED,
            "100");
    assertThat(request.url()).isEqualTo("https://ntfy.example.org/");
    assertThat(request.headers()).containsEntry("Authorization", "Bearer tk_1");
    var body = body(request);
    assertThat(body.path("topic").asText()).isEqualTo("films");
    assertThat(body.path("priority").asInt()).isEqualTo(3);
    assertThat(body.path("tags").get(0).asText()).isEqualTo("white_check_mark");
  }

  @Test
  void shouldPostAGotifyMessageWithTheAppToken() throws Exception {
    var failed =
        "{\"event\":\"job.failed\",\"node\":\"nas\",\"job\":{\"id\":8,\"inputPath\":\"/m/a.mkv\","
            + "\"reason\":\"the input cannot be read\"}}";
    var request =
        requests.of(
            webhook(WebhookKind.GOTIFY, "https://push.example.org/gotify", "app"),
            AlertEvent.JOB_FAILED,
            9,
            failed,
            "100");
    assertThat(request.url()).isEqualTo("https://push.example.org/gotify/message");
    assertThat(request.headers()).containsEntry("X-Gotify-Key", "app");
    assertThat(body(request).path("title").asText()).isEqualTo("Failed: a.mkv");
    assertThat(body(request).path("priority").asInt()).isEqualTo(8);
  }

  @Test
  void shouldNotifyThroughAppriseWithItsType() throws Exception {
    var request =
        requests.of(
            webhook(WebhookKind.APPRISE, "http://apprise:8000/notify/home", null),
            AlertEvent.JOB_COMPLETED,
            9,
            COMPLETED,
            "100");
    var body = body(request);
    assertThat(body.path("type").asText()).isEqualTo("success");
    assertThat(body.path("body").asText()).contains("Saved 2.5 GiB");
  }

  @Test
  void shouldSumUpTheDayInADigest() throws Exception {
    var digest =
        "{\"event\":\"digest.daily\",\"node\":\"nas\",\"digest\":{\"from\":\"2026-12-03T07:00:00Z\","
            + "\"to\":\"2026-12-04T07:00:00Z\",\"completed\":12,\"failed\":1,\"skipped\":3,"
            + "\"savedBytes\":16106127360,\"pausedSeconds\":5460,\"queued\":40}}";
    var notice = Notice.of(json.readTree(digest));
    assertThat(notice.title()).isEqualTo("Daily digest: 12 files done");
    assertThat(notice.text())
        .startsWith("Saved 15.0 GiB; 1 failed, 3 skipped; encodes held 1 h 31 min; 40 queued\n");
    assertThat(notice.level()).isEqualTo(Notice.Level.WARNING);
  }
}
