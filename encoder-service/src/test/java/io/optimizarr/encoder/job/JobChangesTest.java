package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.EventLines;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Job state changes reach /api/events through PostgreSQL's notifications, from any writer. */
@QuarkusTest
class JobChangesTest {

  @TestHTTPResource("/api/events")
  URI events;

  @BeforeEach
  void clean() {
    TestDatabase.clean();
  }

  @Test
  void shouldPushEveryStateChangeWithItsReason() throws Exception {
    Path input = Clips.clip(TestDatabase.MEDIA.resolve("changes"), "clip-20s.mkv", 20);
    try (var stream = new EventLines(events)) {
      await().pollDelay(Duration.ofMillis(500)).until(() -> true);
      int id = JobsFixture.job(input.toString(), "out.mkv", 1);
      // A cancel that meets the job between its claim and its start is refused (409): again.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> asAdmin().post("/api/jobs/" + id + "/cancel").statusCode() == 200);

      String job = "\"id\":" + id + ",";
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(stream.data)
                      .anyMatch(d -> d.contains(job) && d.contains("\"event\":\"QUEUED\""))
                      .anyMatch(
                          d ->
                              d.contains(job)
                                  && d.contains("\"status\":\"CANCELLED\"")
                                  && d.contains("\"event\":\"CANCELLED\"")));
      assertThat(stream.data)
          .as("no cancel recorded on a job that went on running")
          .noneMatch(
              d ->
                  d.contains("\"event\":\"CANCELLED\"") && d.contains("\"status\":\"PROCESSING\""));
    }
  }

  @Test
  void shouldPushChangesWrittenOutsideThisNode() throws Exception {
    try (var stream = new EventLines(events)) {
      await().pollDelay(Duration.ofMillis(500)).until(() -> true);
      TestDatabase.execute(
          "INSERT INTO encoding_job (id, input_path, output_path, profile_id, status, node)"
              + " VALUES (9001, '/elsewhere/a.mkv', '/elsewhere/b.mkv', 1, 'PROCESSING', 'node-b')");
      TestDatabase.execute(
          "UPDATE encoding_job SET status = 'PAUSED', status_reason = 'cpu 95% > 90% (other"
              + " processes)' WHERE id = 9001");
      TestDatabase.execute(
          "INSERT INTO job_event (job_id, type, message) VALUES (9001, 'THROTTLED', 'paused')");

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(stream.data)
                      .anyMatch(
                          d ->
                              d.contains("\"id\":9001,")
                                  && d.contains("\"status\":\"PAUSED\"")
                                  && d.contains("cpu 95% > 90% (other processes)")
                                  && d.contains("\"node\":\"node-b\"")));
    }
  }
}
