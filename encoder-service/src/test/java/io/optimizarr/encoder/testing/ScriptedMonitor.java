package io.optimizarr.encoder.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.optimizarr.model.CpuUsage;
import io.optimizarr.model.DiskIo;
import io.optimizarr.model.GpuUsage;
import io.optimizarr.model.MemoryUsage;
import io.optimizarr.model.NetworkIo;
import io.optimizarr.model.ResourceSnapshot;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A monitor whose figures the test sets: it speaks the monitor's protocol (HTTP Basic, an SSE
 * stream of {@code snapshot} events twice a second) and sends whatever {@link #set} last gave, so a
 * browser test can see the UI follow a CPU of 74, 80 or 95 %. The encoder's own processes are still
 * measured for real by the encoder.
 */
public class ScriptedMonitor implements QuarkusTestResourceLifecycleManager {

  public static final String PASSWORD = "scripted-monitor-secret";

  /**
   * The machine's memory as the snapshots tell it: large, so that the memory the encoder counts as
   * its own (its encodes' and this JVM's, which grows over a suite run to gigabytes) barely moves
   * the foreign share from the figure a test sets.
   */
  public static final long MEMORY_TOTAL = 256L << 30;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final List<OutputStream> streams = new CopyOnWriteArrayList<>();
  private static volatile double cpu = 10;
  private static volatile double memory = 30;
  private static volatile List<GpuUsage> gpus = List.of();
  private static volatile String garbage;
  private static long seq;
  private HttpServer server;
  private ScheduledExecutorService ticker;

  /** The figures every following snapshot carries: CPU and memory in percent. */
  public static void set(double cpuPercent, double memoryPercent) {
    cpu = cpuPercent;
    memory = memoryPercent;
  }

  /**
   * Sends {@code text} as it is instead of each snapshot (the empty string: nothing, a stalled
   * stream), until called with null.
   */
  public static void garbage(String text) {
    garbage = text;
  }

  public static void gpus(List<GpuUsage> list) {
    gpus = List.copyOf(list);
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/api/resources/stream", this::stream);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(ScriptedMonitor::send, 0, 500, TimeUnit.MILLISECONDS);
    return Map.of(
        "optimizarr.monitor.url",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "optimizarr.monitor.password",
        PASSWORD);
  }

  @Override
  public void stop() {
    ticker.shutdownNow();
    server.stop(0);
  }

  private void stream(HttpExchange exchange) throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("optimizarr:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    streams.add(exchange.getResponseBody());
  }

  private static synchronized void send() {
    byte[] event;
    try {
      String instead = garbage;
      event =
          instead != null
              ? instead.getBytes(StandardCharsets.UTF_8)
              : ("event: snapshot\nid: "
                      + ++seq
                      + "\ndata: "
                      + JSON.writeValueAsString(snapshot())
                      + "\n\n")
                  .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (OutputStream out : streams) {
      try {
        out.write(event);
        out.flush();
      } catch (IOException closed) {
        streams.remove(out);
      }
    }
  }

  private static ResourceSnapshot snapshot() {
    long used = (long) (MEMORY_TOTAL * memory / 100);
    return new ResourceSnapshot(
        seq,
        Instant.now(),
        "scripted-host",
        0.5,
        new CpuUsage(cpu, List.of(cpu, cpu), 2, 1.5, 55.0, null, null),
        new MemoryUsage(MEMORY_TOTAL, MEMORY_TOTAL - used, used, memory, 0, 0),
        gpus,
        new DiskIo(0, 0, 0, 0, 1_048_576, 524_288),
        new NetworkIo(0, 0, 2_097_152, 65_536),
        List.of());
  }
}
