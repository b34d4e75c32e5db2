package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.eventMessages;
import static io.optimizarr.encoder.job.JobsFixture.events;
import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.runningPid;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Threads;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A launch that fails after the claim commits strands no job: settings naming cores this node lacks
 * run the encode on all its cores with a warning on the timeline; a profile that makes no run fails
 * the job with the reason; the database stalling while the job is loaded puts it back in the queue,
 * and it completes once the database answers. After each, the next job runs.
 */
@QuarkusTest
class LaunchFailureTest {

  static Path media = TestDatabase.MEDIA.resolve("launch-failure");

  @BeforeAll
  static void clean() throws IOException {
    JobsFixture.cleanForEncodes(media);
  }

  @AfterEach
  void defaultSettings() {
    JobsFixture.cancelUnfinished();
    JobsFixture.oneEncodeAtATime();
  }

  private static int quickJob(String output) throws Exception {
    Path input = Clips.clip(media, "clip-4s.mkv", 4);
    return job(
        input.toString(), output, profile("x264 " + output, "libx264", 23, "veryfast", "mkv"));
  }

  /** A job long enough to be seen running. */
  private static int longerJob(String output) throws Exception {
    Path input = Clips.clip(media, "clip-20s.mkv", 20);
    return job(input.toString(), output, profile("x264 " + output, "libx264", 23, "medium", "mkv"));
  }

  @Test
  void shouldRunOnAllCoresWithAWarningWhenTheSettingsNameCoresThisNodeLacks() throws Exception {
    // The settings are every node's: another node with 64 cores may have saved these.
    TestDatabase.execute("UPDATE resource_settings SET cpu_affinity = '0-63'");
    String all = "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    int id = longerJob("all-cores.mkv");

    long pid = runningPid(id);
    var threads = Threads.of(pid);
    until(id, "COMPLETED", Duration.ofSeconds(120));

    if (!threads.isEmpty()) {
      assertThat(threads).extracting(Threads.Task::cpusAllowed).containsOnly(all);
    }
    assertThat(events(id)).containsSubsequence("CLAIMED", "WARNING", "STARTED", "COMPLETED");
    assertThat(eventMessages(id))
        .anyMatch(m -> m.contains("'0-63'") && m.contains("all its cores, " + all));
  }

  @Test
  void shouldFailAJobWhoseProfileMakesNoRunAndRunTheNext() throws Exception {
    // Held until the profile is broken behind the API's back, as by a later version's rows.
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    int broken = quickJob("broken-profile.mkv");
    TestDatabase.execute(
        "UPDATE encoding_profile SET container = 'avi' WHERE id ="
            + " (SELECT profile_id FROM encoding_job WHERE id = "
            + broken
            + ")");
    int unknown = quickJob("unknown-encoder.mkv");
    TestDatabase.execute(
        "UPDATE encoding_profile SET video_codec = 'no-such-encoder' WHERE id ="
            + " (SELECT profile_id FROM encoding_job WHERE id = "
            + unknown
            + ")");
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");

    var failed = until(broken, "FAILED", Duration.ofSeconds(60));

    assertThat(failed.getString("statusReason")).startsWith("the job cannot be run");
    assertThat(events(broken)).contains("CLAIMED", "FAILED").doesNotContain("STARTED");
    int next = quickJob("after-broken.mkv");
    until(next, "COMPLETED", Duration.ofSeconds(120));
    // An encoder no node knows (a later version's) is left in the queue, saying so.
    assertThat(events(unknown)).doesNotContain("CLAIMED");
    asAdmin()
        .get("/api/jobs?status=QUEUED")
        .then()
        .body(
            "items.find { it.id == " + unknown + " }.waitingFor",
            org.hamcrest.Matchers.equalTo("no node can encode no-such-encoder"));
  }

  @Test
  void shouldLeaveAClaimTheDatabaseStallsAndRunTheJobOnceItAnswers() throws Exception {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    int id = quickJob("stalled.mkv");
    try (var stall = TestDatabase.connect(TestDatabase.NAME)) {
      stall.setAutoCommit(false);
      try (var lock = stall.createStatement()) {
        // A claim reads the job's profile: it waits behind this lock until the database ends it.
        lock.execute("LOCK TABLE encoding_profile IN ACCESS EXCLUSIVE MODE");
      }
      TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
      // Past the claim's lock_timeout (10 s) nothing is claimed: its transaction ended in the
      // database, not later behind the node's back.
      await()
          .during(Duration.ofSeconds(12))
          .atMost(Duration.ofSeconds(15))
          .until(() -> !events(id).contains("CLAIMED"));
      stall.rollback();
    }

    var done = until(id, "COMPLETED", Duration.ofSeconds(150));

    assertThat(done.getInt("attempts")).as("nothing failed, nothing counted").isZero();
    assertThat(events(id)).containsSubsequence("CLAIMED", "STARTED", "COMPLETED");
    assertThat(events(id).stream().filter("CLAIMED"::equals))
        .as("one claim, none behind the node's back")
        .hasSize(1);
    asAdmin().get("/api/jobs/" + id).then().statusCode(200);
  }
}
