package io.optimizarr.encoder.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Metrics;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node whose lease ran out long ago, as rows in the database: the test application's node takes
 * its PROCESSING job (requeued with one more attempt, the lost node named, that run's work folder
 * removed and a later claim's left alone), leaves its REPLACING job to it (noted once on the
 * timeline, counted by the gauge), and never judges a node that has no lease row.
 */
@QuarkusTest
class LostNodeTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("lost-node");

  // The management root already ends in /q.
  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @BeforeAll
  static void holdTheQueue() throws Exception {
    TestDatabase.clean();
    // The requeued job is not run here: its files do not exist.
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    MediaFiles.deleteTree(MEDIA);
    Files.createDirectories(MEDIA);
  }

  @AfterAll
  static void release() throws Exception {
    TestDatabase.clean();
    TestDatabase.execute("DELETE FROM node_lease WHERE node = 'gone-node'");
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
    MediaFiles.deleteTree(MEDIA);
  }

  @Test
  void shouldRequeueALostNodesRunningJobAndLeaveItsReplacingJobForIt() throws Exception {
    double takenBefore = Metrics.value(metrics, "optimizarr_jobs_taken_from_lost_nodes_total");
    Path lostRun = Files.createDirectory(MEDIA.resolve(".optimizarr-9101-41-0011223344556677"));
    Files.writeString(lostRun.resolve("out.mkv.part"), "half an encode");
    Path laterRun = Files.createDirectory(MEDIA.resolve(".optimizarr-9101-42-8899aabbccddeeff"));
    Path resumable = chunkFolder(9101);
    Path outOfAttempts = chunkFolder(9104);
    TestDatabase.execute(
        "INSERT INTO node_lease (node, renewed_at, lease_ms)"
            + " VALUES ('gone-node', now() - interval '1 hour', 5000)");
    TestDatabase.execute(
        "INSERT INTO encoding_job (id, input_path, output_path, profile_id, status, node, pid,"
            + " claim_token) VALUES (9101, '"
            + MEDIA.resolve("in.mkv")
            + "', '"
            + MEDIA.resolve("out.mkv")
            + "', 1, 'PROCESSING', 'gone-node', 999999, 41)");
    TestDatabase.execute(
        "INSERT INTO encoding_job (id, input_path, output_path, profile_id, status, node,"
            + " claim_token, output_mode, replace_step, recycled_path, input_bytes, output_bytes,"
            + " output_inode) VALUES (9102, '/lost/film.mkv', '/lost/film.mkv', 1, 'REPLACING',"
            + " 'gone-node', 43, 'replace', 'RECYCLE', '/lost/.optimizarr-recycle/film.mkv', 10,"
            + " 5, 77)");
    TestDatabase.execute(
        "INSERT INTO job_event (job_id, type, message) VALUES (9102, 'REPLACING', 'begun')");
    TestDatabase.execute(
        "INSERT INTO encoding_job (id, input_path, output_path, profile_id, status, node,"
            + " claim_token) VALUES (9103, '/x/a.mkv', '/x/b.mkv', 1, 'PROCESSING', 'leaseless', 44)");
    TestDatabase.execute(
        "INSERT INTO encoding_job (id, input_path, output_path, profile_id, status, node,"
            + " claim_token, attempts) VALUES (9104, '"
            + MEDIA.resolve("in.mkv")
            + "', '"
            + MEDIA.resolve("last.mkv")
            + "', 1, 'PROCESSING', 'gone-node', 45, 2)");

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> status(9101).equals("QUEUED"));

    assertThat(TestDatabase.count("SELECT attempts FROM encoding_job WHERE id = 9101")).isOne();
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM encoding_job WHERE id = 9101 AND node IS NULL"
                    + " AND pid IS NULL AND claim_token IS NULL"))
        .isOne();
    assertThat(messages(9101, "REQUEUED"))
        .singleElement()
        .asString()
        .contains("node gone-node was lost", "longer than its lease of 5.0 s", "taken by node");
    assertThat(lostRun).doesNotExist();
    assertThat(laterRun).as("a later claim's folder").isDirectory();
    assertThat(resumable.resolve("chunk-00000.mkv")).as("chunks kept for a resume").exists();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(9104).equals("FAILED"));
    assertThat(outOfAttempts).as("chunks of a job out of attempts").doesNotExist();

    // Two more renewals at least (every 5 s): the REPLACING job is noted once and left alone.
    await().pollDelay(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(12)).until(() -> true);
    assertThat(status(9102)).isEqualTo("REPLACING");
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM encoding_job WHERE id = 9102 AND node = 'gone-node'"
                    + " AND claim_token = 43 AND replace_step = 'RECYCLE'"))
        .isOne();
    assertThat(messages(9102, "NODE_LOST"))
        .singleElement()
        .asString()
        .contains("step RECYCLE", "only that node completes or undoes the replace");
    assertThat(status(9103)).as("a node without a lease is never judged").isEqualTo("PROCESSING");
    assertThat(Metrics.value(metrics, "optimizarr_jobs_taken_from_lost_nodes_total"))
        .isEqualTo(takenBefore + 2);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Metrics.value(metrics, "optimizarr_jobs_replacing_on_lost_nodes") == 1.0);
  }

  /** A segmented encode's chunk folder beside the job's output, with one finished chunk. */
  private static Path chunkFolder(long jobId) throws IOException {
    Path folder =
        Files.createDirectory(
            MEDIA.resolve(".optimizarr-chunks-" + jobId),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(folder.resolve("chunk-00000.mkv"), "a finished chunk");
    return folder;
  }

  private static String status(long id) throws SQLException {
    try (var db = TestDatabase.connect(TestDatabase.NAME);
        var rows =
            db.createStatement().executeQuery("SELECT status FROM encoding_job WHERE id = " + id)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static List<String> messages(long id, String type) throws SQLException {
    var messages = new ArrayList<String>();
    try (var db = TestDatabase.connect(TestDatabase.NAME);
        var rows =
            db.createStatement()
                .executeQuery(
                    "SELECT message FROM job_event WHERE job_id = "
                        + id
                        + " AND type = '"
                        + type
                        + "' ORDER BY id")) {
      while (rows.next()) {
        messages.add(rows.getString(1));
      }
    }
    return messages;
  }
}
