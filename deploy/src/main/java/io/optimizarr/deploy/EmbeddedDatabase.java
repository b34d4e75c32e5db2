package io.optimizarr.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL that {@code ./run.sh} starts where the environment names none: real PostgreSQL
 * binaries from Maven Central (zonky), unpacked into {@code DATA_DIR/postgres-binaries} and with
 * their data in {@code DATA_DIR/postgres} so that it survives restarts, on localhost only, durable
 * (fsync and synchronous commit on) and with a password for every connection ({@link
 * ClusterLockdown}, {@link DatabasePassword}). Prints one line, {@code ready on port N}, once the
 * database {@code NAME} exists, and stops PostgreSQL cleanly on SIGTERM or SIGINT.
 *
 * <p>Usage: {@code java -jar deploy/target/deploy.jar DATA_DIR PORT NAME}
 */
public final class EmbeddedDatabase {

  /** A started cluster and the superuser password it asks for. */
  record Running(EmbeddedPostgres postgres, String password) implements AutoCloseable {
    Connection connect(String database) throws SQLException {
      return postgres
          .getDatabase("postgres", database, Map.of("password", password))
          .getConnection();
    }

    @Override
    public void close() throws IOException {
      postgres.close();
    }
  }

  private EmbeddedDatabase() {}

  public static void main(String[] args) throws IOException, SQLException, InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: EmbeddedDatabase DATA_DIR PORT DATABASE");
      System.exit(2);
    }
    Running running = start(Path.of(args[0]), Integer.parseInt(args[1]));
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } catch (IOException e) {
                    System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
                  }
                  stopped.countDown();
                }));
    createDatabase(running, args[2]);
    System.out.println("ready on port " + args[1]);
    System.out.flush();
    stopped.await();
  }

  /** Starts (creating or upgrading) the cluster of {@code dataDir} on {@code port}. */
  static Running start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    Path cluster = Files.createDirectories(dataDir.resolve("postgres"));
    Path binaries = Files.createDirectories(dataDir.resolve("postgres-binaries"));
    String password = DatabasePassword.readOrCreate(dataDir);
    var lockdown = new ClusterLockdown(binaries, password);
    var builder =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(binaries.toFile())
            .setDataDirectory(cluster)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setConnectConfig("password", password)
            .setDataDirectoryCustomizer(folder -> lockdown.apply(folder.toPath()));
    ClusterLockdown.SERVER_CONFIG.forEach(builder::setServerConfig);
    EmbeddedPostgres postgres = builder.start();
    // zonky leaves the folder it unpacks into writable by everyone; only we may change binaries.
    Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwx------"));
    return new Running(postgres, password);
  }

  private static void createDatabase(Running running, String name) throws SQLException {
    if (!name.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("database name must be letters, digits and _: " + name);
    }
    try (Connection db = running.connect("postgres");
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
