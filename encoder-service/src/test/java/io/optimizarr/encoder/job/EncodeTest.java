package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.get;
import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.runningPid;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Threads;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real ffmpeg encodes of clips the test makes, run by the supervisor of the test application. */
@QuarkusTest
class EncodeTest {

  static Path media = TestDatabase.MEDIA.resolve("encode-test");

  @BeforeAll
  static void clean() throws IOException {
    JobsFixture.cleanForEncodes(media);
  }

  @AfterEach
  void defaultSettings() {
    JobsFixture.oneEncodeAtATime();
  }

  /** A job encoding the 20 s clip to {@code output} in x265, with a profile of its own; its id. */
  private static int x265Job(String profile, int quality, String preset, String output)
      throws Exception {
    Path input = Clips.clip(media, "clip-20s.mkv", 20);
    return job(input.toString(), output, profile(profile, "libx265", quality, preset, "mkv"));
  }

  @Test
  void shouldEncodeAClipToACheckedOutputAndLeaveTheInputAlone() throws Exception {
    Path input = Clips.clip(media, "clip-4s.mkv", 4);
    String before = MediaFiles.sha256(input);
    int profile = profile("x264 fast mp4", "libx264", 23, "veryfast", "mp4");

    int id = job(input.toString(), profile);
    var done = until(id, "COMPLETED", Duration.ofSeconds(90));

    Path output = media.resolve("clip-4s.mp4");
    assertThat(done.getDouble("progressPercent")).isEqualTo(100.0);
    assertThat(done.getString("outputPath")).isEqualTo(output.toRealPath().toString());
    var probed = new MediaProbe("ffprobe", Duration.ofSeconds(60)).probe(output);
    assertThat(probed.videoCodec()).hasValue("h264");
    assertThat(probed.durationSeconds()).isBetween(3.0, 5.0);
    assertThat(MediaFiles.sha256(input)).isEqualTo(before);
    assertThat(MediaFiles.partials(media)).isEmpty();
    assertThat(JobsFixture.events(id))
        .containsSubsequence("QUEUED", "CLAIMED", "STARTED", "COMPLETED");
  }

  @TestHTTPResource("/api/events")
  URI events;

  @Test
  void shouldPushProgressToSubscribersAsItHappens() throws Exception {
    Path input = Clips.clip(media, "clip-20s.mkv", 20);
    int profile = profile("x264 for events", "libx264", 23, "medium", "mkv");
    var progress = new CopyOnWriteArrayList<Double>();
    var request =
        HttpRequest.newBuilder(events)
            .header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("admin:test-admin-secret".getBytes()))
            .build();
    var open = new AtomicInteger();
    var stream =
        HttpClient.newHttpClient()
            .sendAsync(
                request,
                HttpResponse.BodyHandlers.fromLineSubscriber(
                    new Flow.Subscriber<String>() {
                      public void onSubscribe(Flow.Subscription s) {
                        open.incrementAndGet();
                        s.request(Long.MAX_VALUE);
                      }

                      public void onNext(String line) {
                        if (line.startsWith("data:") && line.contains("\"progressPercent\"")) {
                          progress.add(
                              Double.parseDouble(
                                  line.replaceAll(".*\"progressPercent\":([0-9.]+).*", "$1")));
                        }
                      }

                      public void onError(Throwable t) {}

                      public void onComplete() {}
                    }));
    await().atMost(Duration.ofSeconds(10)).until(() -> open.get() == 1);

    int id = job(input.toString(), "events.mkv", profile);
    until(id, "COMPLETED", Duration.ofSeconds(120));
    stream.cancel(true);

    assertThat(progress).hasSizeGreaterThan(3).isSorted();
    assertThat(progress.get(progress.size() - 1)).isGreaterThan(50.0);
  }

  @Test
  void shouldRunWithTheNiceLevelAndCoresOfTheSettingsOnEveryThread() throws Exception {
    TestDatabase.execute(
        "UPDATE resource_settings SET priority_mode = 'NICE', nice_level = 15, cpu_affinity = '0'");
    int id = x265Job("x265 for priority", 28, "medium", "priority.mkv");
    long pid = runningPid(id);

    // Once encoding, every thread is on core 0 (x265 pins its pool itself; the supervisor re-pins).
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Threads.of(pid).size() > 2
                    && Threads.of(pid).stream().allMatch(t -> t.cpusAllowed().equals("0")));
    // x265 lowers some of its own threads further (nice + 10, at most 19): never above the level.
    var threads = Threads.of(pid);
    assertThat(threads)
        .filteredOn(t -> t.tid() == pid)
        .extracting(Threads.Task::nice)
        .containsExactly(15);
    assertThat(threads)
        .allSatisfy(t -> assertThat(t.nice()).as("nice of thread %d", t.tid()).isBetween(15, 19));
    assertThat(threads).extracting(Threads.Task::cpusAllowed).containsOnly("0");
    asAdmin().post("/api/jobs/" + id + "/cancel").then().statusCode(200);
  }

  @Test
  void shouldApplyChangedSettingsToEveryThreadOfARunningEncode() throws Exception {
    int id = x265Job("x265 for settings", 28, "medium", "settings.mkv");
    long pid = runningPid(id);
    String lastCore = Integer.toString(Runtime.getRuntime().availableProcessors() - 1);

    TestDatabase.execute(
        "UPDATE resource_settings SET priority_mode = 'NICE', nice_level = 17, cpu_affinity = '"
            + lastCore
            + "'");

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Threads.of(pid).stream()
                    .allMatch(
                        t ->
                            t.cpusAllowed().equals(lastCore) && t.nice() >= 17 && t.policy() == 0));
    asAdmin().post("/api/jobs/" + id + "/cancel").then().statusCode(200);
  }

  @Test
  void shouldRunAnIdleModeEncodeInTheIdleClassAndTheNodesIdleCgroup() throws Exception {
    int id = x265Job("x265 for idle mode", 28, "medium", "idle.mkv");
    long pid = runningPid(id);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Threads.of(pid).size() > 2
                    && Threads.of(pid).stream()
                        .allMatch(t -> t.policy() == 5 && t.nice() == 19 && t.io().equals("idle")));
    var placement =
        asAdmin()
            .get("/api/resources/thresholds")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("placement.cgroup");
    String cgroup = (String) placement.get("path");
    assertThat(cgroup).startsWith("/optimizarr-test-encodes-");
    assertThat(Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")))
        .anyMatch(l -> l.endsWith(":" + cgroup) && l.matches("\\d+:([a-z,]*,)?cpu(,.*)?:.*"));
    assertThat(placement.get("standing")).isEqualTo("IDLE");
    assertThat(JobsFixture.eventMessages(id))
        .anyMatch(m -> m.contains("started in the idle class at nice 19 on cores"));
    asAdmin().post("/api/jobs/" + id + "/cancel").then().statusCode(200);
  }

  @Test
  void shouldStopEveryThreadOnPauseAndFinishAfterResume() throws Exception {
    int id = x265Job("x265 for pausing", 30, "fast", "paused.mkv");
    long pid = runningPid(id);

    asAdmin().post("/api/jobs/" + id + "/pause").then().statusCode(200);
    assertThat(get(id).getString("status")).isEqualTo("PAUSED");
    assertThat(get(id).getString("statusReason")).isEqualTo("paused by admin");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Threads.of(pid).stream().allMatch(t -> t.state().equals("T")));
    double progress = get(id).getDouble("progressPercent");
    // Stopped it stays: every thread in T for a second and a half on end.
    await()
        .during(Duration.ofMillis(1_500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> Threads.of(pid).stream().allMatch(t -> t.state().equals("T")));
    asAdmin().post("/api/jobs/" + id + "/pause").then().statusCode(409);

    asAdmin().post("/api/jobs/" + id + "/resume").then().statusCode(200);
    var done = until(id, "COMPLETED", Duration.ofSeconds(180));
    assertThat(done.getDouble("pausedSeconds")).isGreaterThan(1.0);
    assertThat(done.getDouble("progressPercent")).isGreaterThanOrEqualTo(progress);
    assertThat(
            new MediaProbe("ffprobe", Duration.ofSeconds(60))
                .probe(Path.of(done.getString("outputPath")))
                .videoCodec())
        .hasValue("hevc");
  }

  @Test
  void shouldLeaveNoProcessAndNoTemporaryFileAfterCancel() throws Exception {
    int id = x265Job("x265 for cancelling", 30, "medium", "cancelled.mkv");
    long pid = runningPid(id);
    asAdmin().post("/api/jobs/" + id + "/pause").then().statusCode(200);

    asAdmin()
        .post("/api/jobs/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));

    assertThat(Path.of("/proc", Long.toString(pid))).doesNotExist();
    assertThat(MediaFiles.partials(media)).isEmpty();
    asAdmin().post("/api/jobs/" + id + "/cancel").then().statusCode(409);
    asAdmin().delete("/api/jobs/" + id).then().statusCode(204);
    asAdmin().get("/api/jobs/" + id).then().statusCode(404);
  }

  @Test
  void shouldFailACorruptInputWithFfmpegsWords() throws Exception {
    Path broken = media.resolve("broken.mkv");
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    Files.write(broken, noise);
    int id = job(broken.toString(), 1);

    var failed = until(id, "FAILED", Duration.ofSeconds(60));

    assertThat(failed.getString("statusReason")).isNotBlank();
    assertThat(failed.getString("error")).containsIgnoringCase("invalid data");
    assertThat(MediaFiles.partials(media)).isEmpty();
    asAdmin().delete("/api/jobs/" + id).then().statusCode(204);
  }
}
