package io.optimizarr.encoder.testing;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real monitor, started from its packaged jar ({@code monitor-service} is built first), on free
 * ports with a password; tests may stop and start it again on the same ports.
 */
public class TestMonitor implements QuarkusTestResourceLifecycleManager {

  public static final String PASSWORD = "test-monitor-secret";
  private static final Path JAR = Path.of("../monitor-service/target/quarkus-app/quarkus-run.jar");
  private static Process monitor;
  private static int port;
  private static int management;

  @Override
  public Map<String, String> start() {
    try {
      port = freePort();
      management = freePort();
      startMonitor();
    } catch (Exception e) {
      throw new IllegalStateException("the monitor did not start from " + JAR.toAbsolutePath(), e);
    }
    return Map.of(
        "optimizarr.monitor.url",
        "http://localhost:" + port,
        "optimizarr.monitor.password",
        PASSWORD);
  }

  @Override
  public void stop() {
    stopMonitor();
  }

  public static void stopMonitor() {
    if (monitor != null && monitor.isAlive()) {
      monitor.destroy();
      try {
        monitor.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public static void startMonitorIfStopped() throws Exception {
    if (monitor == null || !monitor.isAlive()) {
      startMonitor();
    }
  }

  public static void startMonitor() throws Exception {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(
          "build monitor-service first: " + JAR.toAbsolutePath() + " is missing");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder =
        new ProcessBuilder(java, "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.startsWith("OPTIMIZARR_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(management),
                "OPTIMIZARR_MONITOR_PASSWORD", PASSWORD));
    monitor = builder.start();
    var http = HttpClient.newHttpClient();
    var ready =
        HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
