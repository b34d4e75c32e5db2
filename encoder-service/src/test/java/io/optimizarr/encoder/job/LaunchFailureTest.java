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
        "UPDATE encoding_profile SET video_codec = 'no-such-encoder' WHERE id ="
            + " (SELECT profile_id FROM encoding_job WHERE id = "
            + broken
            + ")");
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");

    var failed = until(broken, "FAILED", Duration.ofSeconds(60));

    assertThat(failed.getString("statusReason")).startsWith("the job cannot be run");
    assertThat(events(broken)).contains("CLAIMED", "FAILED").doesNotContain("STARTED");
    int next = quickJob("after-broken.mkv");
    until(next, "COMPLETED", Duration.ofSeconds(120));
  }

  @Test
  void shouldPutBackAJobTheDatabaseFailedToLoadAndRunItOnceItAnswers() throws Exception {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    int id = quickJob("stalled.mkv");
    try (var stall = TestDatabase.connect(TestDatabase.NAME)) {
      stall.setAutoCommit(false);
      try (var lock = stall.createStatement()) {
        // Loading the job's profile waits behind this lock until the supervisor gives up on it.
        lock.execute("LOCK TABLE encoding_profile IN ACCESS EXCLUSIVE MODE");
      }
      TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> events(id).contains("REQUEUED"));
      stall.rollback();
    }

    var done = until(id, "COMPLETED", Duration.ofSeconds(150));

    assertThat(done.getInt("attempts")).isBetween(1, 2);
    assertThat(eventMessages(id)).anyMatch(m -> m.contains("could not start it"));
    assertThat(events(id)).containsSubsequence("CLAIMED", "REQUEUED", "CLAIMED", "COMPLETED");
    asAdmin().get("/api/jobs/" + id).then().statusCode(200);
  }
}
