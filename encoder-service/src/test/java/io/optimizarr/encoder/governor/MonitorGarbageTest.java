package io.optimizarr.encoder.governor;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.ScriptedMonitor;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.WithScriptedMonitor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor that sends garbage, a line of 2 MiB, snapshots of the wrong shape, or nothing at all on
 * an open stream: the encoder takes no snapshot from it (the monitor counts as lost and the
 * governor's monitor-lost rule applies), keeps serving, and follows the monitor again once it sends
 * snapshots.
 */
@QuarkusTest
@TestProfile(WithScriptedMonitor.class)
class MonitorGarbageTest {

  @AfterEach
  void sane() {
    ScriptedMonitor.garbage(null);
  }

  private static double age() {
    return asAdmin()
        .get("/api/resources/current")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getDouble("ageSeconds");
  }

  @Test
  void shouldTreatAGarbledOrStalledStreamAsLostAndFollowItAgainAfter() {
    TestDatabase.clean();
    ScriptedMonitor.set(10, 30);
    await().atMost(Duration.ofSeconds(20)).until(() -> age() < 1.5);

    Map<String, String> streams = new LinkedHashMap<>();
    streams.put("not JSON", "event: snapshot\ndata: {not json\n\n");
    streams.put("a 2 MiB line", "data: " + "x".repeat(2 << 20));
    streams.put("the wrong shape", "event: snapshot\ndata: {\"seq\":\"nope\",\"cpu\":[]}\n\n");
    streams.put("binary", "\u0000\u0001\u00ff\r\n\r\n");
    streams.put("nothing (stalled)", "");
    for (var stream : streams.entrySet()) {
      ScriptedMonitor.garbage(stream.getValue());
      await(stream.getKey())
          .atMost(Duration.ofSeconds(20))
          .until(() -> age() > 2.5); // not one snapshot taken from it
      asAdmin().get("/api/me").then().statusCode(200);
      ScriptedMonitor.garbage(null);
      await(stream.getKey() + ", then snapshots again")
          .atMost(Duration.ofSeconds(40))
          .until(() -> age() < 1.5);
    }
  }
}
