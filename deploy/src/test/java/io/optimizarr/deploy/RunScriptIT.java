package io.optimizarr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a newcomer uses it, on free ports and a fresh data folder with no
 * database configured: the embedded PostgreSQL, the monitor and the encoder start, the printed
 * password logs in, a live snapshot comes through, the demo queues an encode; the password is in no
 * log, the embedded PostgreSQL refuses a connection without its password, the management ports
 * answer on loopback only; SIGTERM (as Ctrl-C) stops everything and leaves no process behind; a
 * second run finds the same data.
 */
class RunScriptIT {

  private static final String READY = "Press Ctrl-C to stop.";
  private static final Path RUN = Path.of("..", "run.sh").toAbsolutePath().normalize();
  private final Map<String, Integer> ports = new java.util.LinkedHashMap<>();
  private Path data;
  private Process run;
  private Path trace;

  @AfterEach
  void stop() throws Exception {
    if (run != null && run.isAlive()) {
      run.destroyForcibly();
    }
    if (trace != null) {
      Files.deleteIfExists(trace);
    }
    if (data != null) {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void shouldRunEverythingFromOneCommandAndStopCleanly() throws Exception {
    data = Files.createTempDirectory("optimizarr-run");
    for (String name :
        List.of(
            "QUARKUS_HTTP_PORT",
            "QUARKUS_MANAGEMENT_PORT",
            "MONITOR_HTTP_PORT",
            "MONITOR_MANAGEMENT_PORT",
            "OPTIMIZARR_EMBEDDED_DB_PORT")) {
      ports.put(name, freePort());
    }

    List<String> output = start("--demo");
    String password =
        output.stream()
            .filter(l -> l.contains("Created the first admin. User: admin  Password: "))
            .map(l -> l.replaceAll(".*Password: (\\S+).*", "$1"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no password printed:\n" + String.join("\n", output)));
    assertThat(output)
        .anyMatch(
            l -> l.contains("Web UI           http://localhost:" + ports.get("QUARKUS_HTTP_PORT")));
    assertThat(output).anyMatch(l -> l.contains("Media roots      " + data.resolve("media")));
    assertThat(output)
        .anyMatch(
            l -> l.contains("embedded, localhost:" + ports.get("OPTIMIZARR_EMBEDDED_DB_PORT")));

    assertNoLogHolds(password);
    assertThat(Files.readString(data.resolve("first-admin-password")).trim()).isEqualTo(password);
    assertDatabaseWantsItsPassword();
    assertManagementOnLoopbackOnly();

    HttpResponse<String> current = get("/api/resources/current", password);
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(current.body()).contains("\"snapshot\"", "\"usagePercent\"");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(get("/api/jobs", password).body()).contains("optimizarr-demo.mkv"));

    stopRun();
    assertNothingLeft();

    List<String> again = start();
    assertThat(again).noneMatch(l -> l.contains("Created the first admin. User:"));
    assertThat(get("/api/jobs", password).body())
        .as("the data of the first run")
        .contains("optimizarr-demo.mkv");
    stopRun();
    assertNothingLeft();
  }

  private void assertNoLogHolds(String password) throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve("logs"))) {
      for (Path log : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(log))
            .as(log + " holds the admin's password")
            .doesNotContain(password);
      }
    }
  }

  private void assertDatabaseWantsItsPassword() throws Exception {
    String url =
        "jdbc:postgresql://127.0.0.1:" + ports.get("OPTIMIZARR_EMBEDDED_DB_PORT") + "/postgres";
    assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", "").close())
        .isInstanceOf(java.sql.SQLException.class);
    String password = Files.readString(data.resolve("postgres-password")).trim();
    try (var db = java.sql.DriverManager.getConnection(url, "postgres", password);
        var rs = db.createStatement().executeQuery("SHOW fsync")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("on");
    }
  }

  /** Both management ports refuse connections on this machine's other addresses, if it has one. */
  private void assertManagementOnLoopbackOnly() throws Exception {
    var other =
        java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
            .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
            .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
            .findFirst();
    for (String name : List.of("QUARKUS_MANAGEMENT_PORT", "MONITOR_MANAGEMENT_PORT")) {
      assertThat(answers("127.0.0.1", ports.get(name))).as(name + " on loopback").isTrue();
      if (other.isPresent()) {
        assertThat(answers(other.get().getHostAddress(), ports.get(name)))
            .as(name + " on " + other.get())
            .isFalse();
      }
    }
  }

  private List<String> start(String... args) throws Exception {
    // The script's trace (bash -x) and its own messages to stderr go to a file that failures show.
    var command = new java.util.ArrayList<>(List.of("bash", "-x", RUN.toString()));
    command.addAll(List.of(args));
    trace = Files.createTempFile("run-trace", ".txt");
    var builder = new ProcessBuilder(command).redirectError(trace.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("OPTIMIZARR_") || k.startsWith("QUARKUS_"));
    ports.forEach((k, v) -> builder.environment().put(k, Integer.toString(v)));
    builder.environment().put("OPTIMIZARR_DATA_DIR", data.toString());
    run = builder.start();
    // Read up to the ready line, then close the pipe, as a terminal that has gone away: the
    // script's stop must survive writing to nobody (it once died of SIGPIPE there and left
    // everything running).
    var lines = new CopyOnWriteArrayList<String>();
    Process script = run;
    Thread reader =
        new Thread(
            () -> {
              try (var in =
                  new BufferedReader(
                      new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                  if (line.contains(READY)) {
                    return;
                  }
                }
              } catch (IOException closed) {
                // the script ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    await()
        .atMost(Duration.ofMinutes(5))
        .failFast(
            () ->
                assertThat(run.isAlive())
                    .as(() -> "run.sh ended:\n" + String.join("\n", lines) + traceTail())
                    .isTrue())
        .until(() -> lines.stream().anyMatch(l -> l.contains(READY)));
    return lines;
  }

  private void stopRun() throws InterruptedException {
    run.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the script's trap stops everything in order
    assertThat(run.waitFor(90, TimeUnit.SECONDS)).as("run.sh stopped" + traceTail()).isTrue();
  }

  private void assertNothingLeft() throws IOException {
    // run.sh has waited for each of its processes; a socket's close may trail the exit briefly.
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              for (var port : ports.entrySet()) {
                assertThat(answers(port.getValue()))
                    .as(
                        port.getKey()
                            + " "
                            + port.getValue()
                            + " still answers"
                            + logs()
                            + traceTail())
                    .isFalse();
              }
            });
    String folder = data.toString();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      List<String> left =
          procs
              .filter(p -> p.getFileName().toString().matches("\\d+"))
              .map(RunScriptIT::commandLine)
              .filter(c -> c.contains(folder))
              .toList();
      assertThat(left).as(() -> "processes of this run still alive" + traceTail()).isEmpty();
    }
  }

  /** The end of run.sh's trace, for failure messages. */
  private String traceTail() {
    List<String> lines;
    try {
      lines = Files.readAllLines(trace);
    } catch (IOException unreadable) {
      return "\n(no trace: " + unreadable + ")";
    }
    return "\n== run.sh trace (end)\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static boolean answers(int port) {
    return answers("localhost", port);
  }

  private static boolean answers(String host, int port) {
    try (var socket = new Socket(host, port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private String logs() throws IOException {
    var text = new StringBuilder();
    try (Stream<Path> files = Files.list(data.resolve("logs"))) {
      for (Path log : files.toList()) {
        List<String> lines = Files.readAllLines(log);
        text.append("\n== ").append(log.getFileName()).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 15), lines.size())
            .forEach(l -> text.append(l).append('\n'));
      }
    }
    return text.toString();
  }

  private static String commandLine(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  private HttpResponse<String> get(String path, String password) throws Exception {
    String basic =
        Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    var request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + ports.get("QUARKUS_HTTP_PORT") + path))
            .header("Authorization", "Basic " + basic)
            .timeout(Duration.ofSeconds(10))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A port free now, not given to another of this test's services, and below the kernel's range for
   * outgoing connections (32768 and up here): a port from that range, as {@code new
   * ServerSocket(0)} gives, can be taken by any connection before run.sh's services bind it.
   */
  private int freePort() throws IOException {
    var random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = random.nextInt(20_000, 32_000);
      if (ports.containsValue(port)) {
        continue;
      }
      try (var socket = new ServerSocket(port)) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }
}
