package io.optimizarr.encoder.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.RawStream;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user may hold only so many {@code /api/events} streams at once (2 here); others are not. */
@QuarkusTest
@TestProfile(EventStreamCapTest.TwoStreams.class)
class EventStreamCapTest {

  public static class TwoStreams implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("optimizarr.events.max-streams-per-user", "2");
    }
  }

  @Test
  void shouldRefuseAStreamBeyondTheCapUntilOneCloses() throws Exception {
    String admin = Users.sessionCookie(Users.ADMIN, Users.ADMIN_PASSWORD);
    Users.asAdmin()
        .contentType("application/json")
        .body(Map.of("username", "cap-viewer", "password", "cap-viewer-pw", "role", "viewer"))
        .post("/api/users");
    String viewer = Users.sessionCookie("cap-viewer", "cap-viewer-pw");
    int port = RestAssured.port;
    try (var first = new RawStream(port, "/api/events", admin);
        var second = new RawStream(port, "/api/events", admin)) {
      assertThat(first.status).isEqualTo(200);
      assertThat(second.status).isEqualTo(200);
      try (var third = new RawStream(port, "/api/events", admin);
          var viewers = new RawStream(port, "/api/events", viewer)) {
        assertThat(third.status).isEqualTo(429);
        assertThat(viewers.status).as("another user's count is their own").isEqualTo(200);
      }
      first.close();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try (var again = new RawStream(port, "/api/events", admin)) {
                  return again.status == 200;
                }
              });
    }
  }
}
