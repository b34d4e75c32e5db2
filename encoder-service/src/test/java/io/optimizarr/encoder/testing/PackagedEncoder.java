package io.optimizarr.encoder.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged encoder started with {@code java -jar} on free ports, the test database {@code
 * NAME_it} (made fresh by {@link #freshDatabase}) and a media folder in {@code dir}, with the
 * environment a test gives; its output goes to {@code dir/encoder.log}.
 */
public final class PackagedEncoder {

  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  public static final String DB = TestDatabase.NAME + "_it";

  private final Path dir;

  public PackagedEncoder(Path dir) {
    this.dir = dir;
  }

  public static void freshDatabase() throws Exception {
    try (var admin =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DB);
    }
  }

  public Process start(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder =
        new ProcessBuilder(java, "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("encoder.log").toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("OPTIMIZARR_"));
    var all = new HashMap<String, String>();
    all.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
    all.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort()));
    all.put("OPTIMIZARR_DB_HOST", "127.0.0.1");
    all.put("OPTIMIZARR_DB_NAME", DB);
    all.put("OPTIMIZARR_MEDIA_ROOTS", Files.createDirectories(dir.resolve("media")).toString());
    all.put("OPTIMIZARR_NODE_NAME", "packaged-it");
    all.putAll(env);
    builder.environment().putAll(all);
    return builder.start();
  }

  /** Starts with {@code env}; asserts nothing, gives whether it exited within 90 s, non-zero. */
  public boolean exitsWithAnError(Map<String, String> env) throws Exception {
    Process service = start(env);
    boolean exited = service.waitFor(90, TimeUnit.SECONDS);
    if (!exited) {
      service.destroyForcibly();
      service.waitFor(30, TimeUnit.SECONDS);
      return false;
    }
    return service.exitValue() != 0;
  }

  public String log() throws IOException {
    Path log = dir.resolve("encoder.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
