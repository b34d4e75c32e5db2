package io.optimizarr.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many real SSE clients on loopback against the one sampler. */
@QuarkusTest
class SnapshotStreamTest {

  private static final String USER = ResourcesResourceTest.USER;
  private static final String PASSWORD = ResourcesResourceTest.PASSWORD;

  @TestHTTPResource("/api/resources/stream")
  URI stream;

  // The management root already ends in /q.
  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  private final HttpClient http = HttpClient.newHttpClient();

  private double metric(String name) {
    String text = given().get(metrics).then().statusCode(200).extract().asString();
    return text.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private static long samplerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("optimizarr-sampler"))
        .count();
  }

  @Test
  void shouldGiveTwoClientsTheSameSnapshotsWithEventNameAndId() {
    try (var first = new SseClient(http, stream, USER, PASSWORD);
        var second = new SseClient(http, stream, USER, PASSWORD)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> first.events.size() >= 4 && second.events.size() >= 4);

      List<Long> common = new ArrayList<>(first.seqs());
      common.retainAll(second.seqs());
      assertThat(common).hasSizeGreaterThanOrEqualTo(3);
      assertThat(first.seqs()).isSorted().doesNotHaveDuplicates();
      assertThat(first.events)
          .allSatisfy(
              e -> {
                assertThat(e.name()).isEqualTo("snapshot");
                assertThat(e.id()).isEqualTo(Long.toString(e.snapshot().seq()));
              });
    }
  }

  /**
   * Tests sample every 500 ms and pulse every 200 ms (the default): a client that asks gets the
   * same snapshots as one that does not, with two or three pulses between each two.
   */
  @Test
  void shouldSendPulsesAtTheirOwnRateOnlyToAClientThatAsks() {
    URI withPulses = URI.create(stream + "?pulses=true");
    try (var pulsed = new SseClient(http, withPulses, USER, PASSWORD);
        var plain = new SseClient(http, stream, USER, PASSWORD)) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> pulsed.pulses.size() >= 12 && pulsed.events.size() >= 5);

      assertThat(plain.pulses).as("not asked for").isEmpty();
      assertThat(pulsed.events).allSatisfy(e -> assertThat(e.name()).isEqualTo("snapshot"));
      assertThat(pulsed.seqs()).isSorted().doesNotHaveDuplicates();
      List<Long> pulseSeqs = pulsed.pulses.stream().map(p -> p.pulse().seq()).toList();
      assertThat(pulseSeqs).isSorted().doesNotHaveDuplicates();
      assertThat(pulsed.pulses)
          .allSatisfy(
              p -> {
                assertThat(p.id()).as("pulses leave the stream's last id alone").isNull();
                assertThat(p.pulse().usagePercent()).isBetween(0.0, 100.0);
                assertThat(p.pulse().stalledPercent())
                    .as("this kernel has PSI")
                    .isNotNull()
                    .isBetween(0.0, 100.0);
              });
      List<Double> windows =
          pulsed.pulses.stream().skip(1).map(p -> p.pulse().intervalSeconds()).sorted().toList();
      assertThat(windows.get(windows.size() / 2)).as("median window").isBetween(0.15, 0.25);
      long snapshotsSeen = pulsed.events.size();
      assertThat(pulsed.pulses.size()).isGreaterThanOrEqualTo((int) (2 * (snapshotsSeen - 2)));
    }
  }

  @Test
  void shouldRefuseAPulsesValueThatIsNotTrueOrFalse() {
    given()
        .auth()
        .preemptive()
        .basic(USER, PASSWORD)
        .queryParam("pulses", "often")
        .get(stream)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", org.hamcrest.Matchers.equalTo("pulses"))
        .body("detail", org.hamcrest.Matchers.containsString("true or false"));
  }

  @Test
  void shouldKeepOneSamplerForAHundredClientsAndReleaseThemOnDisconnect() {
    double subscribersBefore = metric("optimizarr_sse_subscribers");
    double samplesBefore = metric("optimizarr_monitor_samples_total");
    long startNanos = System.nanoTime();
    var clients = new ArrayList<SseClient>();
    try {
      for (int i = 0; i < 100; i++) {
        clients.add(new SseClient(http, stream, USER, PASSWORD));
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> clients.stream().allMatch(c -> c.events.size() >= 3));

      assertThat(metric("optimizarr_sse_subscribers"))
          .isGreaterThanOrEqualTo(subscribersBefore + 100);
      assertThat(samplerThreads()).isEqualTo(1);
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double samples = metric("optimizarr_monitor_samples_total") - samplesBefore;
      // 500 ms interval in tests: one sample per interval however many clients listen
      assertThat(samples).isLessThanOrEqualTo(seconds / 0.5 + 2);
      long newest = clients.get(0).seqs().get(clients.get(0).seqs().size() - 1);
      assertThat(clients)
          .allSatisfy(
              c ->
                  assertThat(c.seqs())
                      .isSorted()
                      .allSatisfy(seq -> assertThat(seq).isLessThanOrEqualTo(newest + 2)));
    } finally {
      clients.forEach(SseClient::close);
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(metric("optimizarr_sse_subscribers")).isEqualTo(subscribersBefore));
  }
}
