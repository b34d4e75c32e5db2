package io.optimizarr.encoder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The packaged encoder ({@code target/quarkus-app/quarkus-run.jar}) run with {@code java -jar} on a
 * fresh database of its own and one media root, on free ports, its log in a file: started, killed
 * with SIGKILL and started again by integration tests, and spoken to over HTTP as the first admin.
 * {@link #beside} makes a second node on the same database.
 */
public final class PackagedEncoder {

  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final String PASSWORD = "it-admin-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String database;
  private final Path media;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final int management;
  private Process service;
  private User user;

  /** An unprivileged user the service runs as, with a home of its own holding the jar. */
  private record User(int uid, int gid, Path home) {

    /** {@code java -jar} as this user, with no other groups and no capabilities. */
    List<String> command(String java) {
      return List.of(
          "setpriv",
          "--reuid=" + uid,
          "--regid=" + gid,
          "--clear-groups",
          "--inh-caps=-all",
          "--",
          java,
          "-Djava.io.tmpdir=" + home.resolve("tmp"),
          "-jar",
          home.resolve("quarkus-app").resolve(JAR.getFileName()).toString());
    }
  }

  /**
   * A fresh database {@code database} (dropped if it was there) and the media root {@code media}.
   */
  public PackagedEncoder(String database, Path media, Path log) throws Exception {
    this.database = database;
    this.media = media;
    this.log = log;
    try (var admin = TestDatabase.connect("postgres");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + database);
    }
    port = freePort();
    management = freePort();
  }

  private PackagedEncoder(PackagedEncoder beside, Path log) throws IOException {
    this.database = beside.database;
    this.media = beside.media;
    this.log = log;
    port = freePort();
    management = freePort();
  }

  /**
   * Another encoder node on the same database and media root as {@code other} (whose database it
   * leaves as it is), on ports of its own, its log in {@code log}.
   */
  public static PackagedEncoder beside(PackagedEncoder other, Path log) throws IOException {
    return new PackagedEncoder(other, log);
  }

  /**
   * From the next start on, runs the service as the user {@code uid} and group {@code gid} with no
   * other groups and no capabilities (through {@code setpriv}), as a plain {@code java -jar} by a
   * user would: from a copy of the application in {@code home}, that user's home and temporary
   * folder (the checkout may be where that user cannot read).
   */
  public void runAs(int uid, int gid, Path home) throws IOException {
    Path app = home.resolve("quarkus-app");
    try (var files = Files.walk(JAR.getParent())) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = app.resolve(JAR.getParent().relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Files.createDirectories(home.resolve("tmp"));
    try (var files = Files.walk(home)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.setAttribute(p, "unix:uid", uid);
        Files.setAttribute(p, "unix:gid", gid);
      }
    }
    user = new User(uid, gid, home);
  }

  /** The service's pid (the JVM), while it has been started. */
  public long pid() {
    return service.pid();
  }

  /** Starts the service with {@code env} added, and waits until it is ready. */
  public void start(Map<String, String> env) throws Exception {
    service = launch(env);
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(
            () ->
                send("GET", "http://localhost:" + management + "/q/health/ready", null, false)
                        .statusCode()
                    == 200);
  }

  /**
   * Starts the service with {@code env} added (a null value removes that variable), without waiting
   * for anything; the process is the test's to end.
   */
  public Process launch(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        user == null ? List.of(java, "-jar", JAR.toString()) : user.command(java);
    var builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("OPTIMIZARR_"));
    var all = new HashMap<String, String>();
    all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    all.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
    all.put("OPTIMIZARR_DB_HOST", "127.0.0.1");
    all.put("OPTIMIZARR_DB_NAME", database);
    all.put("OPTIMIZARR_ADMIN_PASSWORD", PASSWORD);
    all.put("OPTIMIZARR_MEDIA_ROOTS", media.toString());
    all.put("OPTIMIZARR_NODE_NAME", "it-node");
    // These tests kill the service with SIGKILL: a cgroup it made would be left behind.
    all.put("OPTIMIZARR_ENCODE_CGROUP", "none");
    if (user != null) {
      all.put("HOME", user.home().toString());
    }
    all.putAll(env);
    all.values().removeIf(Objects::isNull);
    builder.environment().putAll(all);
    return builder.start();
  }

  /** Starts with {@code env}; gives whether it exited within 90 s with a non-zero status. */
  public boolean exitsWithAnError(Map<String, String> env) throws Exception {
    Process started = launch(env);
    if (!started.waitFor(90, TimeUnit.SECONDS)) {
      started.destroyForcibly();
      started.waitFor(30, TimeUnit.SECONDS);
      return false;
    }
    return started.exitValue() != 0;
  }

  /** What the service wrote so far. */
  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() throws InterruptedException {
    service.destroyForcibly();
    assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** Stops it gracefully, if it runs. */
  public void stop() throws InterruptedException {
    if (service != null && service.isAlive()) {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM, and whether it has exited within {@code atMost}: a graceful stop's end. */
  public boolean stopsWithin(Duration atMost) throws InterruptedException {
    service.destroy();
    return service.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** No monitor runs in these tests: without the governor a silent monitor pauses nothing. */
  public void withoutGovernor() throws Exception {
    sql("UPDATE resource_settings SET enable_throttling = FALSE");
  }

  /** Runs one statement on the service's database. */
  public void sql(String statement) throws Exception {
    try (var db = TestDatabase.connect(database);
        var run = db.createStatement()) {
      run.execute(statement);
    }
  }

  /** Waits until the log holds {@code line}. */
  public void awaitLog(String line, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Files.exists(log) && Files.readString(log).contains(line));
  }

  public JsonNode get(String path) throws Exception {
    return JSON.readTree(send("GET", "http://localhost:" + port + path, null, true).body());
  }

  /** POSTs {@code body} (none when null) and expects a 2xx. */
  public JsonNode post(String path, Object body) throws Exception {
    var response =
        send(
            "POST",
            "http://localhost:" + port + path,
            body == null ? "" : JSON.writeValueAsString(body),
            true);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  /** The status code a POST without a body gets. */
  public int postStatus(String path) throws Exception {
    return send("POST", "http://localhost:" + port + path, "", true).statusCode();
  }

  /** Sends a POST without a body and does not wait for the answer (it may never come). */
  public void postInBackground(String path) {
    http.sendAsync(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString(""))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** Waits until the job is in {@code status}, and gives it. */
  public JsonNode until(int job, String status, Duration atMost) throws Exception {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> get("/api/jobs/" + job).get("status").asText().equals(status));
    return get("/api/jobs/" + job);
  }

  /** Waits until the job runs on the node named {@code node}, and gives its ffmpeg's pid. */
  public long runningPid(int job, String node) throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode now = get("/api/jobs/" + job);
              return now.path("pid").isNumber()
                  && now.get("status").asText().equals("PROCESSING")
                  && now.get("node").asText().equals(node);
            });
    return get("/api/jobs/" + job).get("pid").asLong();
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
