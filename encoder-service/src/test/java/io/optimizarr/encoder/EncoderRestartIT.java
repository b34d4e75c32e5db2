package io.optimizarr.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, started with {@code java -jar}, killed with SIGKILL or stopped with SIGTERM
 * in the middle of an encode, then started again: nothing is lost, nothing is left.
 */
class EncoderRestartIT {

  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final String DB = TestDatabase.NAME + "_it";
  private static final String PASSWORD = "it-admin-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path media;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process service;
  private int port;
  private int management;

  @BeforeEach
  void freshDatabaseAndMedia() throws Exception {
    try (var admin =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DB);
    }
    media = Files.createDirectories(dir.resolve("media"));
    Clips.clip(media, "film.mkv", 20);
    port = freePort();
    management = freePort();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null && service.isAlive()) {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldRequeueAndFinishAJobWhoseServiceWasKilledLeavingNoFfmpeg() throws Exception {
    start();
    withoutGovernor();
    int job = createJob("killed.mkv");
    long pid = runningPid(job);
    post("/api/jobs/" + job + "/pause");
    assertThat(state(pid)).isEqualTo("T");

    service.destroyForcibly();
    service.waitFor(30, TimeUnit.SECONDS);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Files.exists(Path.of("/proc", Long.toString(pid))));

    start();
    JsonNode done = until(job, "COMPLETED", Duration.ofSeconds(240));
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(events(job)).contains("REQUEUED", "COMPLETED");
    assertThat(partials()).isEmpty();
    assertThat(stoppedFfmpegs()).isEmpty();
  }

  @Test
  void shouldEndItsEncodesAndRequeueThemOnAGracefulStop() throws Exception {
    start();
    withoutGovernor();
    int job = createJob("stopped.mkv");
    long pid = runningPid(job);

    service.destroy();
    assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(Path.of("/proc", Long.toString(pid))).doesNotExist();
    assertThat(partials()).isEmpty();
    start();
    JsonNode queued = get("/api/jobs/" + job);
    assertThat(queued.get("attempts").asInt()).isZero();
    assertThat(events(job)).contains("REQUEUED");
  }

  /** No monitor runs here: without the governor, a silent monitor does not pause the encodes. */
  private static void withoutGovernor() throws Exception {
    try (var db =
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "");
        var statement = db.createStatement()) {
      statement.execute("UPDATE resource_settings SET enable_throttling = FALSE");
    }
  }

  private void start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder =
        new ProcessBuilder(java, "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("encoder.log").toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("OPTIMIZARR_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "QUARKUS_HTTP_PORT",
                Integer.toString(port),
                "QUARKUS_MANAGEMENT_PORT",
                Integer.toString(management),
                "OPTIMIZARR_DB_HOST",
                "127.0.0.1",
                "OPTIMIZARR_DB_NAME",
                DB,
                "OPTIMIZARR_ADMIN_PASSWORD",
                PASSWORD,
                "OPTIMIZARR_MEDIA_ROOTS",
                media.toString(),
                "OPTIMIZARR_NODE_NAME",
                "it-node"));
    service = builder.start();
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(
            () ->
                send("GET", "http://localhost:" + management + "/q/health/ready", null, false)
                        .statusCode()
                    == 200);
  }

  private int createJob(String output) throws Exception {
    int profileId =
        post("/api/profiles", Profiles.named("restart " + output).body()).get("id").asInt();
    return post(
            "/api/jobs",
            Map.of(
                "inputPath", media.resolve("film.mkv").toString(),
                "outputPath", media.resolve(output).toString(),
                "profileId", profileId))
        .get("id")
        .asInt();
  }

  private long runningPid(int job) throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                get("/api/jobs/" + job).path("pid").isNumber()
                    && get("/api/jobs/" + job).get("status").asText().equals("PROCESSING"));
    return get("/api/jobs/" + job).get("pid").asLong();
  }

  private JsonNode until(int job, String status, Duration atMost) throws Exception {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> get("/api/jobs/" + job).get("status").asText().equals(status));
    return get("/api/jobs/" + job);
  }

  private List<String> events(int job) throws Exception {
    var types = new ArrayList<String>();
    get("/api/jobs/" + job + "/events").forEach(e -> types.add(e.get("type").asText()));
    return types;
  }

  private List<Path> partials() throws IOException {
    try (Stream<Path> files = Files.list(media)) {
      return files.filter(p -> MediaFiles.isPartial(p.getFileName().toString())).toList();
    }
  }

  /** ffmpeg processes in state T whose arguments name this test's media folder. */
  private List<String> stoppedFfmpegs() throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> cmdline(p).contains(media.toString()) && cmdline(p).contains("ffmpeg"))
          .map(p -> p.getFileName().toString())
          .filter(pid -> "T".equals(state(Long.parseLong(pid))))
          .toList();
    }
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return "";
    }
  }

  private static String state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch (IOException gone) {
      return "gone";
    }
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(send("GET", "http://localhost:" + port + path, null, true).body());
  }

  private JsonNode post(String path) throws Exception {
    return post(path, null);
  }

  private JsonNode post(String path, Object body) throws Exception {
    var response =
        send(
            "POST",
            "http://localhost:" + port + path,
            body == null ? "" : JSON.writeValueAsString(body),
            true);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(String method, String url, String body, boolean login)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (login) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
