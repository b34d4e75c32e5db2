package io.optimizarr.encoder.governor;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.job.JobsFixture;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.TestMonitor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The governor with the real monitor, real ffmpeg and a real CPU burner, at 1 s sampling. */
@QuarkusTest
@TestProfile(ThrottleEndToEndTest.WithMonitor.class)
class ThrottleEndToEndTest {

  public static class WithMonitor implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(TestMonitor.class));
    }
  }

  static final Path MEDIA = TestDatabase.MEDIA.resolve("throttle");
  private final List<Process> burners = new ArrayList<>();

  @BeforeEach
  void governorOn() throws Exception {
    TestDatabase.clean();
    TestDatabase.execute(
        "UPDATE resource_settings SET enable_throttling = TRUE, cpu_threshold = 85");
    Files.createDirectories(MEDIA);
  }

  @AfterEach
  void governorOff() throws Exception {
    burners.forEach(Process::destroyForcibly);
    // No encode of a failed test may run on into the next one.
    JobsFixture.cancelUnfinished();
    TestMonitor.startMonitorIfStopped();
    TestDatabase.execute(
        "UPDATE resource_settings SET enable_throttling = FALSE, cpu_threshold = 90");
  }

  private int encode(String output) throws Exception {
    return encode(output, "medium");
  }

  private int encode(String output, String preset) throws Exception {
    Path input = Clips.clip(MEDIA, "clip-20s.mkv", 20);
    int profileId = Profiles.named("governed " + output).video("libx265", 28, preset).create();
    return asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "inputPath",
                input.toString(),
                "outputPath",
                MEDIA.resolve(output).toString(),
                "profileId",
                profileId,
                "overwrite",
                true))
        .post("/api/jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonPath job(int id) {
    return asAdmin().get("/api/jobs/" + id).then().statusCode(200).extract().jsonPath();
  }

  /** The governor's judgement, as the thresholds view gives it. */
  private static JsonPath thresholds() {
    return asAdmin().get("/api/resources/thresholds").then().statusCode(200).extract().jsonPath();
  }

  private static String status(int id) {
    return job(id).getString("status");
  }

  private static void running(int id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status(id).equals("PROCESSING") && job(id).get("pid") != null);
  }

  private static double secondsUntil(int id, String wanted, Duration atMost) {
    long started = System.nanoTime();
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> status(id).equals(wanted));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "job " + id + " not " + wanted + " within " + atMost + ": " + howItStands(id), e);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /** The job, the governor's judgement and the encode's process as they are, for a failure. */
  private static String howItStands(int id) {
    var job = asAdmin().get("/api/jobs/" + id).then().extract().body().asString();
    var thresholds = asAdmin().get("/api/resources/thresholds").then().extract().body().asString();
    Integer pid = job(id).get("pid");
    String process = "no pid";
    if (pid != null) {
      try {
        process =
            Files.readAllLines(Path.of("/proc", pid.toString(), "status")).stream()
                    .filter(l -> l.startsWith("State:"))
                    .findFirst()
                    .orElse("?")
                + ", wchan "
                + Files.readString(Path.of("/proc", pid.toString(), "wchan"))
                + ", stat "
                + Files.readString(Path.of("/proc", pid.toString(), "stat")).strip();
      } catch (java.io.IOException gone) {
        process = "pid " + pid + " gone";
      }
    }
    return "job " + job + "; thresholds " + thresholds + "; process " + process;
  }

  private void burnEveryCore() throws Exception {
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      burners.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
    }
  }

  @io.quarkus.test.common.http.TestHTTPResource("/api/events")
  java.net.URI events;

  @Test
  void shouldStreamSnapshotsAndSettingsToTheUi() throws Exception {
    var names = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var request =
        java.net.http.HttpRequest.newBuilder(events)
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString("admin:test-admin-secret".getBytes()))
            .build();
    var stream =
        java.net.http.HttpClient.newHttpClient()
            .sendAsync(
                request,
                java.net.http.HttpResponse.BodyHandlers.fromLineSubscriber(
                    new java.util.concurrent.Flow.Subscriber<String>() {
                      public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                      }

                      public void onNext(String line) {
                        if (line.startsWith("event:")) {
                          names.add(line.substring(6).trim());
                        }
                      }

                      public void onError(Throwable t) {}

                      public void onComplete() {}
                    }));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> names.stream().filter("snapshot"::equals).count() >= 2);

    var settings = asAdmin().get("/api/settings/resources").then().extract().body().asString();
    asAdmin()
        .contentType("application/json")
        .body(settings)
        .put("/api/settings/resources")
        .then()
        .statusCode(200);

    await().atMost(Duration.ofSeconds(5)).until(() -> names.contains("settings"));
    stream.cancel(true);
  }

  @Test
  void shouldNeverPauseAnEncodeOnAnOtherwiseIdleMachine() throws Exception {
    // Otherwise idle: the JVM of a monitor an earlier test restarted may still be warming up.
    await()
        .atMost(Duration.ofSeconds(60))
        .during(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                asAdmin()
                        .get("/api/resources/current")
                        .then()
                        .extract()
                        .jsonPath()
                        .getDouble("snapshot.cpu.usagePercent")
                    < 50);
    int id = encode("idle.mkv");

    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> status(id).equals("COMPLETED"));

    assertThat(JobsFixture.events(id)).doesNotContain("THROTTLED");
    var current =
        asAdmin().get("/api/resources/current").then().statusCode(200).extract().jsonPath();
    assertThat(current.getDouble("ageSeconds")).isLessThan(3.0);
    assertThat(current.getInt("snapshot.cpu.logicalCores"))
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(thresholds().getString("state")).isEqualTo("RUNNING");
    assertThat(job(id).getDouble("pausedSeconds")).isZero();
  }

  @Test
  void shouldPauseForAForeignBurnerAndResumeWhenItStops() throws Exception {
    int id = encode("burner.mkv");
    running(id);

    burnEveryCore();
    double toPause = secondsUntil(id, "PAUSED", Duration.ofSeconds(15));
    String reason = job(id).getString("statusReason");
    // The fast rule pauses within a pulse; the snapshots, a second long, see the burners in whole
    // only from the first one that began after them.
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> thresholds().getDouble("resources.find { it.resource == 'cpu' }.foreign") > 85.0);
    var thresholds = thresholds();
    assertThat(thresholds.getString("state")).isEqualTo("THROTTLED");
    assertThat(thresholds.getBoolean("resources.find { it.resource == 'cpu' }.hot")).isTrue();
    assertThat(thresholds.getDouble("resources.find { it.resource == 'cpu' }.foreign"))
        .isGreaterThan(85.0);
    assertThat(thresholds.getInt("resources.find { it.resource == 'cpu' }.threshold"))
        .isEqualTo(85);
    burners.forEach(Process::destroyForcibly);
    double toResume = secondsUntil(id, "PROCESSING", Duration.ofSeconds(20));

    // pauseAfterSamples + 1 and resumeAfterSamples + 1 intervals of 1 s, with room for a loaded
    // machine
    assertThat(toPause).isLessThan(3 + 2);
    // by the fast rule ("cpu 98% > 85% within 0.2 s: …") or the snapshots' ("cpu 98% > 85%")
    assertThat(reason).startsWith("cpu ").contains("> 85%").endsWith("(other processes)");
    assertThat(toResume).isLessThan(6 + 2);
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> status(id).equals("COMPLETED"));
    assertThat(JobsFixture.events(id)).containsSubsequence("THROTTLED", "RESUMED", "COMPLETED");
    assertThat(
            new MediaProbe("ffprobe", Duration.ofSeconds(60))
                .probe(MEDIA.resolve("burner.mkv"))
                .videoCodec())
        .hasValue("hevc");
  }

  @Test
  void shouldPauseWhenTheMonitorStopsAndResumeWhenItIsBack() throws Exception {
    // Only the monitor's silence may pause this one: a busy build machine's own threads, waiting
    // beside the encode, can reach the CPU threshold of 85 (CI saw it once).
    TestDatabase.execute("UPDATE resource_settings SET cpu_threshold = 100");
    // slow enough to outlast the 10 s of silence it takes to pause
    int id = encode("monitor.mkv", "veryslow");
    running(id);

    TestMonitor.stopMonitor();
    secondsUntil(id, "PAUSED", Duration.ofSeconds(20));
    assertThat(job(id).getString("statusReason")).startsWith("no snapshot from the monitor");

    TestMonitor.startMonitor();
    // The client's back-off has grown during the silence (1, 2, 4, 8, 16, then 30 s): it may take
    // up to one more 30 s wait to find the monitor again.
    secondsUntil(id, "PROCESSING", Duration.ofSeconds(75));
    assertThat(JobsFixture.events(id)).containsSubsequence("THROTTLED", "RESUMED");
    // Finishing is shown by the burner test; this slow encode need not run to its end.
    asAdmin().post("/api/jobs/" + id + "/cancel").then().statusCode(200);
  }
}
