package io.optimizarr.encoder.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The real PostgreSQL of the machine ({@code OPTIMIZARR_DB_HOST}/{@code _PORT}/{@code _USER}, else
 * 127.0.0.1:5432 as postgres): a fresh {@code optimizarr_test} database per test run, so the
 * migrations run from scratch, and {@link #clean()} for each test class.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

  /**
   * {@code OPTIMIZARR_TEST_DB} names another, so that two checkouts can run their tests at once.
   */
  public static final String NAME =
      System.getenv().getOrDefault("OPTIMIZARR_TEST_DB", "optimizarr_test");

  /** The one media root of the tests, named after the database. */
  public static final Path MEDIA =
      Path.of(System.getProperty("java.io.tmpdir"), NAME.replace('_', '-') + "-media");

  private static String host() {
    return System.getenv().getOrDefault("OPTIMIZARR_DB_HOST", "127.0.0.1");
  }

  private static String port() {
    return System.getenv().getOrDefault("OPTIMIZARR_DB_PORT", "5432");
  }

  /** The JDBC address of {@code database} on the test server. */
  public static String url(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** The test server's user and password, as a JDBC connection gives them. */
  public static String user() {
    return System.getenv().getOrDefault("OPTIMIZARR_DB_USER", "postgres");
  }

  public static String password() {
    return System.getenv().getOrDefault("OPTIMIZARR_DB_PASSWORD", "");
  }

  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), user(), password());
  }

  @Override
  public Map<String, String> start() {
    try (Connection admin = connect("postgres");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + NAME);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The tests need PostgreSQL at "
              + host()
              + ":"
              + port()
              + " (user postgres): "
              + e.getMessage(),
          e);
    }
    try {
      Files.createDirectories(MEDIA);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Map.of(
        "optimizarr.media-roots",
        MEDIA.toString(),
        // Radarr's /arr/movies is the media root's arr-movies here; the root itself is as it is.
        "optimizarr.path-mappings",
        "/arr/movies=" + MEDIA.resolve("arr-movies") + "," + MEDIA + "=" + MEDIA,
        "optimizarr.db.host",
        host(),
        "optimizarr.db.port",
        port(),
        "optimizarr.db.name",
        NAME);
  }

  @Override
  public void stop() {}

  /**
   * Removes every job, event, added profile and user but the first admin, and turns the governor
   * off.
   */
  public static void clean() {
    try (Connection db = connect(NAME);
        var statement = db.createStatement()) {
      statement.execute("TRUNCATE job_event, encoding_job RESTART IDENTITY CASCADE");
      statement.execute("DELETE FROM webhook");
      statement.execute("DELETE FROM api_key");
      statement.execute("DELETE FROM digest_sent");
      statement.execute("DELETE FROM library_folder");
      statement.execute(
          "UPDATE schedule_settings SET windows = '[]', outside_window = 'PAUSE',"
              + " run_now_until = NULL, idle_enabled = FALSE");
      statement.execute("DELETE FROM encoding_profile WHERE id > 3");
      statement.execute("DELETE FROM app_user WHERE username <> 'admin'");
      // No monitor runs for most tests: the governor is off unless a test turns it on.
      statement.execute("UPDATE resource_settings SET enable_throttling = FALSE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot clean " + NAME, e);
    }
  }

  /** Runs one statement that changes rows, such as a settings change the API does not offer yet. */
  public static void execute(String sql) {
    try (Connection db = connect(NAME);
        var statement = db.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Runs one SQL statement on the test database, for checks the API does not expose. */
  public static long count(String sql) {
    try (Connection db = connect(NAME);
        var statement = db.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
