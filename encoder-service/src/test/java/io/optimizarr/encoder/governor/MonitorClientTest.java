package io.optimizarr.encoder.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import io.optimizarr.model.CpuPulse;
import io.optimizarr.model.CpuUsage;
import io.optimizarr.model.DiskIo;
import io.optimizarr.model.MemoryUsage;
import io.optimizarr.model.NetworkIo;
import io.optimizarr.model.ResourceSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server on loopback that speaks the monitor's stream. */
class MonitorClientTest {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private HttpServer server;
  private MonitorClient client;
  private final List<String> queries = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (client != null) {
      client.stop();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private static ResourceSnapshot snapshot(long seq, double cpu) {
    return new ResourceSnapshot(
        seq,
        Instant.parse("2026-12-01T23:00:00Z"),
        "h",
        1.0,
        new CpuUsage(cpu, List.of(cpu, cpu), 2, null, null, null, 12.0),
        new MemoryUsage(100, 50, 50, 50.0, 0, 0),
        List.of(),
        new DiskIo(0, 0, 0, 0, 0, 0),
        new NetworkIo(0, 0, 0, 0),
        List.of());
  }

  /** Serves this text once, then keeps the stream open as the monitor does. */
  private void serve(String stream) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/resources/stream",
        exchange -> {
          queries.add(exchange.getRequestURI().getQuery());
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          exchange.getResponseBody().write(stream.getBytes(StandardCharsets.UTF_8));
          exchange.getResponseBody().flush();
        });
    server.start();
  }

  @Test
  void shouldTellSnapshotsAndPulsesOnOneStreamApartAndSkipEventsItDoesNotKnow() throws Exception {
    CpuPulse pulse = new CpuPulse(3, Instant.parse("2026-12-01T23:00:00.200Z"), 0.2, 97.5, 41.0);
    serve(
        "event: snapshot\nid: 1\ndata: "
            + JSON.writeValueAsString(snapshot(1, 20))
            + "\n\nevent: pulse\ndata: "
            + JSON.writeValueAsString(pulse)
            + "\n\nevent: forecast\ndata: {\"rain\":true}\n\n"
            + "event: snapshot\nid: 2\ndata: "
            + JSON.writeValueAsString(snapshot(2, 98))
            + "\n\n");
    var snapshots = new CopyOnWriteArrayList<ResourceSnapshot>();
    var pulses = new CopyOnWriteArrayList<CpuPulse>();
    client =
        new MonitorClient(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/", "optimizarr", "s", JSON);

    client.wantPulses(true);
    client.start(snapshots::add, pulses::add);

    await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.size() == 2);
    assertThat(snapshots).extracting(ResourceSnapshot::seq).containsExactly(1L, 2L);
    assertThat(snapshots.get(0).cpu().batchPercent()).isEqualTo(12.0);
    assertThat(pulses).containsExactly(pulse);
    assertThat(client.latest().seq()).as("only snapshots are the latest").isEqualTo(2);
    assertThat(queries).first().isEqualTo("pulses=true");
  }

  /**
   * Pulses are asked for only while wanted (while an encode runs): each change connects again at
   * once, and only a change does; the snapshot the monitor sends again on connecting is no news.
   */
  @Test
  void shouldAskForPulsesOnlyWhileTheyAreWanted() throws Exception {
    serve("event: snapshot\nid: 1\ndata: " + JSON.writeValueAsString(snapshot(1, 20)) + "\n\n");
    var snapshots = new CopyOnWriteArrayList<ResourceSnapshot>();
    client =
        new MonitorClient(
            "http://127.0.0.1:" + server.getAddress().getPort(), "optimizarr", "s", JSON);

    client.start(snapshots::add, pulse -> {});
    await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.size() == 1);
    assertThat(queries).containsExactly((String) null);

    client.wantPulses(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> queries.size() == 2);
    client.wantPulses(true);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> queries.size() == 2);
    assertThat(queries).containsExactly(null, "pulses=true");

    client.wantPulses(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> queries.size() == 3);
    assertThat(queries).containsExactly(null, "pulses=true", null);
    assertThat(snapshots)
        .as("the latest snapshot, sent again at each new connection, is judged once")
        .hasSize(1);
  }
}
