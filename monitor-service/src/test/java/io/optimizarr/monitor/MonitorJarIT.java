package io.optimizarr.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service started as users start it: {@code java -jar …/quarkus-run.jar}. */
class MonitorJarIT {

  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private final HttpClient http = HttpClient.newHttpClient();
  private Process monitor;

  @TempDir Path dir;

  @AfterEach
  void stop() throws InterruptedException {
    if (monitor != null && monitor.isAlive()) {
      monitor.destroy();
      if (!monitor.waitFor(20, TimeUnit.SECONDS)) {
        monitor.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Process start(Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder =
        new ProcessBuilder(java, "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("monitor.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("OPTIMIZARR_"));
    builder.environment().putAll(env);
    monitor = builder.start();
    return monitor;
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("monitor.log"));
  }

  @Test
  void shouldRefuseToStartWithoutAPasswordNamingTheVariable() throws Exception {
    Process process =
        start(
            Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(freePort()),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort())));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(log()).contains("OPTIMIZARR_MONITOR_PASSWORD");
  }

  @Test
  void shouldServeSnapshotsWithThePortsIntervalAndCredentialsOfTheEnvironment() throws Exception {
    int port = freePort();
    int management = freePort();
    start(
        Map.of(
            "QUARKUS_HTTP_PORT", Integer.toString(port),
            "QUARKUS_MANAGEMENT_PORT", Integer.toString(management),
            "OPTIMIZARR_MONITOR_INTERVAL", "250ms",
            "OPTIMIZARR_MONITOR_USER", "encoder",
            "OPTIMIZARR_MONITOR_PASSWORD", "it-secret"));

    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                get("http://localhost:" + management + "/q/health/ready", null).statusCode()
                    == 200);

    var current = get("http://localhost:" + port + "/api/resources/current", "encoder:it-secret");
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(current.body()).contains("\"seq\"", "\"perCorePercent\"", "\"gpus\"");
    assertThat(
            get("http://localhost:" + port + "/api/resources/current", "optimizarr:it-secret")
                .statusCode())
        .isEqualTo(401);
    assertThat(get("http://localhost:" + management + "/q/metrics", null).body())
        .contains("optimizarr_cpu_usage_percent");
    // At 250 ms four samples come within a second of the first; at the default 1 s they could not
    // come within 3 s.
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> samples(management) >= 4);
    assertThat(List.of(log())).noneMatch(l -> l.contains("ERROR"));
  }

  private double samples(int management) throws Exception {
    return get("http://localhost:" + management + "/q/metrics", null)
        .body()
        .lines()
        .filter(l -> l.startsWith("optimizarr_monitor_samples_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  private HttpResponse<String> get(String url, String credentials) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
