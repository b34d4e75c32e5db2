package io.optimizarr.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL that {@code ./run.sh} starts where the environment names none: real PostgreSQL
 * binaries from Maven Central (zonky), its data in {@code DATA_DIR/postgres} so that it survives
 * restarts, on localhost only. Prints one line, {@code ready on port N}, once the database {@code
 * NAME} exists, and stops PostgreSQL cleanly on SIGTERM or SIGINT.
 *
 * <p>Usage: {@code java -jar deploy/target/deploy.jar DATA_DIR PORT NAME}
 */
public final class EmbeddedDatabase {

  private EmbeddedDatabase() {}

  public static void main(String[] args) throws IOException, SQLException, InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: EmbeddedDatabase DATA_DIR PORT DATABASE");
      System.exit(2);
    }
    Path data = Path.of(args[0], "postgres");
    int port = Integer.parseInt(args[1]);
    String name = args[2];
    Files.createDirectories(data);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("listen_addresses", "localhost")
            .start();
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (IOException e) {
                    System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
                  }
                  stopped.countDown();
                }));
    createDatabase(postgres, name);
    System.out.println("ready on port " + port);
    System.out.flush();
    stopped.await();
  }

  private static void createDatabase(EmbeddedPostgres postgres, String name) throws SQLException {
    if (!name.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("database name must be letters, digits and _: " + name);
    }
    try (Connection db = postgres.getPostgresDatabase().getConnection();
        var exists = db.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      if (!exists.executeQuery().next()) {
        try (var create = db.createStatement()) {
          create.execute("CREATE DATABASE \"" + name + "\"");
        }
      }
    }
  }
}
