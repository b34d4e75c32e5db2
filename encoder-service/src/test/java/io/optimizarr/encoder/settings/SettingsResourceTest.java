package io.optimizarr.encoder.settings;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SettingsResourceTest {

  @BeforeEach
  void clean() {
    TestDatabase.clean();
  }

  @AfterEach
  void defaults() {
    TestDatabase.execute(
        "UPDATE resource_settings SET cpu_threshold = 90, memory_threshold = 85, gpu_threshold = 90,"
            + " nice_level = 10, cpu_affinity = '', resume_margin = 10, pause_after_samples = 2,"
            + " resume_after_samples = 5, on_monitor_lost = 'PAUSE', stale_after_seconds = 10,"
            + " max_concurrent_jobs = 1, priority_mode = 'IDLE', ignore_batch_load = TRUE,"
            + " release_pause_on = 'memory,gpu,window'");
  }

  private static Map<String, Object> balanced() {
    var body = new HashMap<String, Object>();
    body.put("cpuThreshold", 85);
    body.put("memoryThreshold", 80);
    body.put("gpuThreshold", 85);
    body.put("niceLevel", 12);
    body.put("cpuAffinity", "0");
    body.put("enableThrottling", true);
    body.put("resumeMargin", 8);
    body.put("pauseAfterSamples", 3);
    body.put("resumeAfterSamples", 6);
    body.put("cpuTemperatureLimit", 88);
    body.put("gpuTemperatureLimit", 83);
    body.put("onMonitorLost", "continue");
    body.put("staleAfterSeconds", 15);
    body.put("maxConcurrentJobs", 2);
    body.put("priorityMode", "nice");
    return body;
  }

  @Test
  void shouldStartAtTheDesignDefaults() {
    asAdmin()
        .get("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("cpuThreshold", equalTo(90))
        .body("memoryThreshold", equalTo(85))
        .body("niceLevel", equalTo(10))
        .body("onMonitorLost", equalTo("PAUSE"))
        .body("maxConcurrentJobs", equalTo(1))
        .body("priorityMode", equalTo("IDLE"))
        .body("ignoreBatchLoad", equalTo(true));
  }

  @Test
  void shouldTakeALeftOutPriorityModeAsIdle() {
    var nice = balanced();
    asAdmin()
        .contentType("application/json")
        .body(nice)
        .put("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("priorityMode", equalTo("NICE"));
    var older = balanced();
    older.remove("priorityMode");
    asAdmin()
        .contentType("application/json")
        .body(older)
        .put("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("priorityMode", equalTo("IDLE"));
    assertThat(
            TestDatabase.count(
                "select count(*) from resource_settings where priority_mode = 'IDLE'"))
        .isEqualTo(1);
  }

  @Test
  void shouldKeepIgnoreBatchLoadAndTakeItAsTrueFromAClientThatLeavesItOut() {
    var counting = balanced();
    counting.put("ignoreBatchLoad", false);
    asAdmin()
        .contentType("application/json")
        .body(counting)
        .put("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("ignoreBatchLoad", equalTo(false));
    assertThat(
            TestDatabase.count(
                "select count(*) from resource_settings where ignore_batch_load = false"))
        .isEqualTo(1);

    asAdmin()
        .contentType("application/json")
        .body(balanced())
        .put("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("ignoreBatchLoad", equalTo(true));
  }

  @Test
  void shouldKeepTheReleaseCausesAndTakeThemAllFromAClientThatLeavesThemOut() {
    var onlyMemory = balanced();
    onlyMemory.put("releasePauseOn", List.of("Memory"));
    asAdmin()
        .contentType("application/json")
        .body(onlyMemory)
        .put("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("releasePauseOn", contains("memory"));
    assertThat(
            TestDatabase.count(
                "select count(*) from resource_settings where release_pause_on = 'memory'"))
        .isEqualTo(1);
    var none = balanced();
    none.put("releasePauseOn", List.of());
    asAdmin()
        .contentType("application/json")
        .body(none)
        .put("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("releasePauseOn", empty());

    asAdmin()
        .contentType("application/json")
        .body(balanced())
        .put("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("releasePauseOn", contains("memory", "gpu", "window"));
  }

  @Test
  void shouldRefuseAReleaseCauseItDoesNotKnowNamingTheField() {
    var cpu = balanced();
    cpu.put("releasePauseOn", List.of("memory", "cpu"));
    asAdmin()
        .contentType("application/json")
        .body(cpu)
        .put("/api/settings/resources")
        .then()
        .statusCode(400)
        .body("errors.releasePauseOn", containsString("[memory, gpu, window]"));
    assertThat(
            TestDatabase.count(
                "select count(*) from resource_settings"
                    + " where release_pause_on = 'memory,gpu,window'"))
        .isEqualTo(1);
  }

  @Test
  void shouldSaveValidSettingsAndKeepThemInTheDatabase() {
    asAdmin()
        .contentType("application/json")
        .body(balanced())
        .post("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("cpuThreshold", equalTo(85))
        .body("onMonitorLost", equalTo("CONTINUE"));

    asAdmin()
        .get("/api/settings/resources")
        .then()
        .body("niceLevel", equalTo(12))
        .body("cpuAffinity", equalTo("0"))
        .body("priorityMode", equalTo("NICE"));
    assertThat(
            TestDatabase.count(
                "select count(*) from resource_settings where priority_mode = 'NICE'"))
        .isEqualTo(1);
    assertThat(TestDatabase.count("select max_concurrent_jobs from resource_settings"))
        .isEqualTo(2);
    var changed = balanced();
    changed.put("niceLevel", 19);
    changed.put("priorityMode", "IDLE");
    asAdmin()
        .contentType("application/json")
        .body(changed)
        .put("/api/settings/resources")
        .then()
        .statusCode(200)
        .body("niceLevel", equalTo(19))
        .body("priorityMode", equalTo("IDLE"));
  }

  @Test
  void shouldNameEveryInvalidFieldInOne400AndSaveNothing() {
    var bad = balanced();
    bad.put("cpuThreshold", 49);
    bad.put("gpuThreshold", 101);
    bad.put("niceLevel", 20);
    bad.put("cpuAffinity", "0-" + Runtime.getRuntime().availableProcessors());
    bad.put("onMonitorLost", "PANIC");
    bad.put("priorityMode", "REALTIME");
    bad.remove("resumeAfterSamples");

    asAdmin()
        .contentType("application/json")
        .body(bad)
        .post("/api/settings/resources")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.keySet()",
            org.hamcrest.Matchers.containsInAnyOrder(
                "cpuThreshold",
                "gpuThreshold",
                "niceLevel",
                "cpuAffinity",
                "onMonitorLost",
                "priorityMode",
                "resumeAfterSamples"))
        .body("errors.cpuAffinity", containsString("does not exist"))
        .body("errors.priorityMode", equalTo("priorityMode must be IDLE or NICE"));
    var missing = balanced();
    missing.remove("cpuThreshold");
    asAdmin()
        .contentType("application/json")
        .body(missing)
        .put("/api/settings/resources")
        .then()
        .statusCode(400)
        .body("errors.keySet()", contains("cpuThreshold"));
    assertThat(TestDatabase.count("select cpu_threshold from resource_settings")).isEqualTo(90);
  }

  @Test
  void shouldOfferThePresets() {
    asAdmin()
        .get("/api/settings/resources/presets")
        .then()
        .statusCode(200)
        .body("name", contains("Conservative", "Balanced", "Aggressive"))
        .body("cpuThreshold", contains(70, 85, 95))
        .body("niceLevel", contains(15, 10, 5));
  }

  @Test
  void shouldLetViewersReadButNotChange() {
    Users.create("settings-viewer", "viewer-secret", "viewer");
    Users.as("settings-viewer", "viewer-secret")
        .get("/api/settings/resources")
        .then()
        .statusCode(200);
    Users.as("settings-viewer", "viewer-secret")
        .contentType("application/json")
        .body(balanced())
        .post("/api/settings/resources")
        .then()
        .statusCode(403);
  }
}
