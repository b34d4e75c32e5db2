package io.optimizarr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL as {@code ./run.sh} starts it, read back through SQL: durable (fsync,
 * synchronous commit, full-page writes on), every {@code pg_hba} rule asking for a SCRAM password,
 * a connection without it or with another refused; and a data folder made by the earlier launcher
 * (zonky's defaults: trust, fsync off) upgraded on its next start with its rows kept.
 */
class EmbeddedDatabaseTest {

  @TempDir Path data;

  private static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String show(Connection db, String setting) throws SQLException {
    try (var rs = db.createStatement().executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<String> hbaRules(Connection db) throws SQLException {
    var rules = new ArrayList<String>();
    try (var rs =
        db.createStatement()
            .executeQuery(
                "SELECT type, address, auth_method, error FROM pg_hba_file_rules ORDER BY line_number")) {
      while (rs.next()) {
        rules.add(
            rs.getString(1)
                + " "
                + rs.getString(2)
                + " "
                + rs.getString(3)
                + " "
                + rs.getString(4));
      }
    }
    return rules;
  }

  private static Connection as(int port, String password) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
  }

  @Test
  void shouldStartDurableAndAskEveryConnectionForThePassword() throws Exception {
    int port = freePort();
    try (var running = EmbeddedDatabase.start(data, port);
        Connection db = running.connect("postgres")) {
      assertThat(show(db, "fsync")).isEqualTo("on");
      assertThat(show(db, "synchronous_commit")).isEqualTo("on");
      assertThat(show(db, "full_page_writes")).isEqualTo("on");
      assertThat(show(db, "listen_addresses")).isEqualTo("localhost");
      assertThat(hbaRules(db))
          .containsExactly(
              "local null scram-sha-256 null",
              "host 127.0.0.1 scram-sha-256 null",
              "host ::1 scram-sha-256 null");

      assertThatThrownBy(() -> as(port, "").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password");
      assertThatThrownBy(() -> as(port, "not-the-password").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      as(port, running.password()).close();
    }
    Path file = data.resolve(DatabasePassword.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
  }

  @Test
  void shouldUpgradeADataFolderMadeWithTrustKeepingItsRows() throws Exception {
    int port = freePort();
    // What the launcher before this change left: zonky's defaults, trust for everyone.
    try (EmbeddedPostgres old =
            EmbeddedPostgres.builder()
                // where the launcher unpacks them now, as zonky unpacks once per JVM
                .setOverrideWorkingDirectory(data.resolve("postgres-binaries").toFile())
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        Connection db = old.getPostgresDatabase().getConnection()) {
      assertThat(show(db, "fsync")).isEqualTo("off");
      db.createStatement().execute("CREATE TABLE kept (note text)");
      db.createStatement().execute("INSERT INTO kept VALUES ('from before the upgrade')");
    }

    try (var running = EmbeddedDatabase.start(data, port);
        Connection db = running.connect("postgres")) {
      try (var rs = db.createStatement().executeQuery("SELECT note FROM kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("from before the upgrade");
      }
      assertThat(show(db, "fsync")).isEqualTo("on");
      assertThat(hbaRules(db)).allSatisfy(rule -> assertThat(rule).contains("scram-sha-256"));
      assertThatThrownBy(() -> as(port, "").close()).isInstanceOf(SQLException.class);
    }

    // And a second start of the upgraded folder takes the same password.
    String password = Files.readString(data.resolve(DatabasePassword.FILE)).trim();
    try (var again = EmbeddedDatabase.start(data, port)) {
      assertThat(again.password()).isEqualTo(password);
      as(port, password).close();
    }
  }
}
