package io.optimizarr.encoder.alert;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With optimizarr.webhooks.deny-private on (as in the Kubernetes overlays), local receivers too.
 */
@QuarkusTest
@TestProfile(DenyPrivateWebhooksTest.DenyPrivate.class)
class DenyPrivateWebhooksTest {

  public static class DenyPrivate implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("optimizarr.webhooks.deny-private", "true");
    }
  }

  @Test
  void shouldRefuseLoopbackAndPrivateReceiversButTakePublicOnes() throws Exception {
    TestDatabase.clean();
    TestDatabase.execute("DELETE FROM webhook");
    try (var receiver = new WebhookReceiver()) {
      for (String url :
          List.of(
              receiver.url(),
              receiver.url().replace("127.0.0.1", "localhost"),
              "http://10.0.0.5/hook",
              "http://192.168.1.10:8123/api/webhook/x")) {
        asAdmin()
            .contentType("application/json")
            .body(Map.of("name", "private", "url", url, "events", List.of("job.completed")))
            .post("/api/webhooks")
            .then()
            .statusCode(400)
            .body("field", equalTo("url"))
            .body("detail", containsString("deny-private"));
      }
      WebhooksTest.webhook("public", "http://203.0.113.7/hook", null, List.of("job.completed"));
      assertThat(TestDatabase.count("select count(*) from webhook")).isEqualTo(1);
    }
  }
}
