package io.optimizarr.encoder.schedule;

import static io.optimizarr.encoder.job.JobsFixture.get;
import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.runningPid;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.job.JobsFixture;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MovableClock;
import io.optimizarr.encoder.testing.ScriptedMonitor;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.WithMovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Encoding windows with real encodes, driven by the node's clock: weekdays 22:00–07:00 in the
 * node's zone (Europe/Berlin). 2026-11-27 is a Friday.
 */
@QuarkusTest
@TestProfile(WithMovableClock.class)
class WindowsTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("windows");
  static final Map<String, Object> NIGHTS =
      Map.of("days", List.of("MON", "TUE", "WED", "THU", "FRI"), "start", "22:00", "end", "07:00");

  @BeforeEach
  void fresh() throws Exception {
    TestDatabase.clean();
    TestDatabase.execute(
        "UPDATE resource_settings SET enable_throttling = TRUE, cpu_threshold = 90,"
            + " max_concurrent_jobs = 1");
    ScriptedMonitor.set(5, 30);
    Files.createDirectories(MEDIA);
  }

  @AfterEach
  void always() {
    JobsFixture.cancelUnfinished();
    asAdmin().delete("/api/settings/schedule/run-now");
    schedule(List.of(), "PAUSE");
  }

  private static void at(String berlinLocal) {
    MovableClock.set(
        ZonedDateTime.of(LocalDateTime.parse(berlinLocal), MovableClock.ZONE).toInstant());
  }

  private static void schedule(List<Map<String, Object>> windows, String outside) {
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "windows", windows,
                "outsideWindow", outside,
                "idle",
                    Map.of(
                        "enabled", false,
                        "cpuBelow", 15,
                        "afterMinutes", 10,
                        "inUseAfterSeconds", 30,
                        "cpuThreshold", 95,
                        "memoryThreshold", 95,
                        "gpuThreshold", 95)))
        .put("/api/settings/schedule")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200);
  }

  private static String status(int id) {
    return get(id).getString("status");
  }

  private static void until(int id, String status) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> status(id).equals(status));
  }

  /** The state letter of a process in /proc: T while stopped. */
  private static char state(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }

  private int longEncode(String output) throws Exception {
    Path input = Clips.clip(MEDIA, "clip-20s.mkv", 20);
    int profile = profile("x265 for windows " + output, "libx265", 28, "medium", "mkv");
    return job(input.toString(), output, profile);
  }

  @Test
  void shouldPauseOutsideTheWindowResumeInsideAndRunNowOnRequest() throws Exception {
    at("2026-11-27T12:00:00");
    schedule(List.of(NIGHTS), "PAUSE");
    asAdmin()
        .get("/api/settings/schedule")
        .then()
        .statusCode(200)
        .body("open", equalTo(false))
        .body("timeZone", equalTo("Europe/Berlin"))
        .body("closedReason", equalTo("outside encoding window (next opens Fri 22:00)"));

    int id = longEncode("windows.mkv");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> status(id).equals("QUEUED"));
    assertThat(status(id)).as("nothing starts outside a window").isEqualTo("QUEUED");
    asAdmin()
        .get("/api/resources/thresholds")
        .then()
        .body("state", equalTo("OUTSIDE_WINDOW"))
        .body("reasons[0]", containsString("next opens Fri 22:00"));

    at("2026-11-27T22:00:00");
    long pid = runningPid(id);

    at("2026-11-28T07:00:00");
    until(id, "PAUSED");
    assertThat(get(id).getString("statusReason"))
        .isEqualTo("outside encoding window (next opens Mon 22:00)");
    assertThat(state(pid)).as("ffmpeg stopped").isEqualTo('T');

    asAdmin()
        .contentType("application/json")
        .body(Map.of("minutes", 30))
        .post("/api/settings/schedule/run-now")
        .then()
        .statusCode(200)
        .body("open", equalTo(true))
        .body("runNowUntil", org.hamcrest.Matchers.startsWith("2026-11-28T06:30:"));
    until(id, "PROCESSING");
    assertThat(state(pid)).isNotEqualTo('T');

    asAdmin().delete("/api/settings/schedule/run-now").then().statusCode(200);
    until(id, "PAUSED");

    at("2026-11-30T22:00:00");
    until(id, "PROCESSING");
    assertThat(get(id).getString("statusReason")).isNull();
  }

  @Test
  void shouldLetTheCurrentEncodeFinishAndHoldTheNextWhenSoSet() throws Exception {
    at("2026-11-27T23:00:00");
    schedule(List.of(NIGHTS), "FINISH_CURRENT");
    int first = longEncode("first.mkv");
    runningPid(first);
    int second = longEncode("second.mkv");

    at("2026-11-28T07:30:00");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> status(first).equals("PROCESSING"));
    assertThat(status(first)).as("the current encode goes on").isEqualTo("PROCESSING");
    asAdmin().post("/api/jobs/" + first + "/cancel").then().statusCode(200);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> status(second).equals("QUEUED"));
    assertThat(status(second)).as("the next one waits for a window").isEqualTo("QUEUED");

    at("2026-11-30T22:00:01");
    until(second, "PROCESSING");
  }

  @Test
  void shouldNameEveryBadFieldOfASchedule() {
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "windows",
                List.of(Map.of("days", List.of("MON", "FUNDAY"), "start", "25:00", "end", "7")),
                "outsideWindow",
                "SOMETIMES",
                "idle",
                Map.of(
                    "enabled", true,
                    "cpuBelow", 0,
                    "afterMinutes", 10,
                    "inUseAfterSeconds", 30,
                    "cpuThreshold", 101,
                    "memoryThreshold", 95,
                    "gpuThreshold", 95)))
        .put("/api/settings/schedule")
        .then()
        .statusCode(400)
        .body(
            "errors.keySet()",
            org.hamcrest.Matchers.containsInAnyOrder(
                "windows[0].days",
                "windows[0].start",
                "windows[0].end",
                "outsideWindow",
                "idle.cpuBelow",
                "idle.cpuThreshold"));
    asAdmin()
        .contentType("application/json")
        .body(Map.of("minutes", 0))
        .post("/api/settings/schedule/run-now")
        .then()
        .statusCode(400)
        .body("field", equalTo("minutes"));
    asAdmin().get("/api/settings/schedule").then().body("windows", org.hamcrest.Matchers.empty());
  }
}
