package io.optimizarr.encoder.alert;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.WebhookReceiver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks may not reach the cloud metadata service, other link-local addresses or this node's own
 * ports: refused when saved, and again at delivery, where the address is judged anew (here: a row
 * changed under the API, as a name that resolves elsewhere by then would be). A local receiver is
 * fine while optimizarr.webhooks.deny-private is off (the default).
 */
@QuarkusTest
class WebhookDestinationsTest {

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @TestHTTPResource("/api/jobs")
  URL jobs;

  private WebhookReceiver receiver;

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    TestDatabase.execute("DELETE FROM webhook");
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void close() {
    receiver.close();
  }

  private static Map<String, Object> hook(String name, String url) {
    return Map.of("name", name, "url", url, "events", List.of("job.completed"));
  }

  @Test
  void shouldRefuseMetadataLinkLocalAndOwnPortsWhenSaved() {
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://[fe80::1]:8080/hook",
            "http://[::ffff:169.254.169.254]/",
            metrics.toString(),
            jobs.toString().replace("localhost", "127.0.0.1"))) {
      asAdmin()
          .contentType("application/json")
          .body(hook("bad", url))
          .post("/api/webhooks")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", equalTo("url"))
          .body("detail", containsString("refused"));
    }
    assertThat(TestDatabase.count("select count(*) from webhook")).isZero();
    WebhooksTest.webhook("local receiver", receiver.url(), null, List.of("job.completed"));
  }

  @Test
  void shouldJudgeTheAddressAgainAtDelivery() {
    int id = WebhooksTest.webhook("moved", receiver.url(), null, List.of("job.completed"));
    for (String moved : List.of("http://169.254.169.254/latest/meta-data/", metrics.toString())) {
      TestDatabase.execute("UPDATE webhook SET url = '" + moved + "' WHERE id = " + id);
      asAdmin().post("/api/webhooks/" + id + "/test").then().statusCode(202);
      Map<String, Object> delivery = WebhooksTest.settled(id);
      assertThat(delivery.get("state")).isEqualTo("FAILED");
      assertThat((String) delivery.get("error")).as(moved).startsWith("refused:");
      assertThat(delivery.get("attempts")).as("not retried").isEqualTo(1);
    }
    assertThat(receiver.received()).isEmpty();
  }
}
