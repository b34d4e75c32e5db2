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
