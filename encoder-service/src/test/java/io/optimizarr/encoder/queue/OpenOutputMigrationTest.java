package io.optimizarr.encoder.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V9 on a queue from before the open-output rule: unfinished jobs writing one output are resolved
 * (all but one fail, saying why, on their timeline; a running one is kept before a queued one)
 * before the unique index is made.
 */
class OpenOutputMigrationTest {

  static final String DB = TestDatabase.NAME + "_v9";

  @BeforeEach
  void fresh() throws SQLException {
    try (Connection admin = TestDatabase.connect("postgres");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DB);
    }
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection admin = TestDatabase.connect("postgres");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
    }
  }

  private static Flyway upTo(String version) {
    return Flyway.configure()
        .dataSource(TestDatabase.url(DB), TestDatabase.user(), TestDatabase.password())
        .locations("classpath:db/migration")
        .target(version)
        .load();
  }

  @Test
  void shouldKeepOneUnfinishedJobPerOutputAndFailTheOthersSayingWhy() throws SQLException {
    upTo("8").migrate();
    try (Connection db = TestDatabase.connect(DB);
        var statement = db.createStatement()) {
      statement.execute(
          "INSERT INTO encoding_job (input_path, output_path, profile_id, status) VALUES"
              + " ('/in/1', '/out/a', 1, 'QUEUED'), ('/in/2', '/out/a', 1, 'QUEUED'),"
              + " ('/in/3', '/out/b', 1, 'QUEUED'), ('/in/4', '/out/b', 1, 'PROCESSING'),"
              + " ('/in/5', '/out/c', 1, 'COMPLETED'), ('/in/6', '/out/c', 1, 'QUEUED'),"
              + " ('/in/7', '/out/d', 1, 'PROCESSING'), ('/in/8', '/out/d', 1, 'PAUSED')");
    }

    upTo("9").migrate();

    try (Connection db = TestDatabase.connect(DB);
        var statement = db.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT j.status, j.status_reason, e.type FROM encoding_job j"
                    + " LEFT JOIN job_event e ON e.job_id = j.id ORDER BY j.id")) {
      var found = new ArrayList<String>();
      while (rows.next()) {
        found.add(rows.getString(1) + " | " + rows.getString(2) + " | " + rows.getString(3));
      }
      assertThat(found)
          .containsExactly(
              "QUEUED | null | null",
              "FAILED | another unfinished job (1) writes the same output | FAILED",
              "FAILED | another unfinished job (4) writes the same output | FAILED",
              "PROCESSING | null | null",
              "COMPLETED | null | null",
              "QUEUED | null | null",
              "PROCESSING | null | null",
              "FAILED | another unfinished job (7) writes the same output | FAILED");
    }
    try (Connection db = TestDatabase.connect(DB);
        var statement = db.createStatement()) {
      assertThat(
              statement.executeUpdate(
                  "INSERT INTO encoding_job (input_path, output_path, profile_id, status)"
                      + " VALUES ('/in/7', '/out/a', 1, 'QUEUED')"
                      + " ON CONFLICT (output_path)"
                      + " WHERE status IN ('QUEUED', 'PROCESSING', 'PAUSED') DO NOTHING"))
          .as("the index now refuses a second unfinished writer of /out/a")
          .isZero();
    }
  }
}
