package io.optimizarr.encoder.governor;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.job.JobsFixture;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.ScriptedMonitor;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.WithScriptedMonitor;
import io.optimizarr.model.GpuProcess;
import io.optimizarr.model.GpuUsage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real encode whose ffmpeg the scripted monitor lists on a GPU, by the pid the encoder gave it:
 * the encoder's own pids reach the judgement, so its own GPU share never pauses it and another
 * program's on the same GPU does, saying so.
 */
@QuarkusTest
@TestProfile(WithScriptedMonitor.class)
class GpuPerProcessEndToEndTest {

  private static final Path MEDIA = TestDatabase.MEDIA.resolve("gpu-per-process");

  @BeforeEach
  void governorOn() throws Exception {
    TestDatabase.clean();
    TestDatabase.execute("UPDATE resource_settings SET enable_throttling = TRUE");
    ScriptedMonitor.set(10, 30);
    ScriptedMonitor.gpus(List.of());
    Files.createDirectories(MEDIA);
  }

  @AfterEach
  void governorOff() {
    ScriptedMonitor.gpus(List.of());
    JobsFixture.cancelUnfinished();
    TestDatabase.execute("UPDATE resource_settings SET enable_throttling = FALSE");
  }

  private static GpuUsage gpu(double encoder, List<GpuProcess> processes) {
    return new GpuUsage(
        0,
        "NVIDIA GeForce RTX 4070",
        "GPU-0d9b",
        "nvidia",
        40.0,
        1L << 30,
        12L << 30,
        60.0,
        120.0,
        encoder,
        0.0,
        processes);
  }

  private static JsonPath job(int id) {
    return asAdmin().get("/api/jobs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath gpuReading() {
    return asAdmin()
        .get("/api/resources/thresholds")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("resources.find { it.resource == 'gpu' }");
  }

  @Test
  void shouldPauseForAnotherProgramOnOurGpuAndNeverForOurOwnShare() throws Exception {
    Path input = Clips.clip(MEDIA, "clip-20s.mkv", 20);
    // veryslow: the encode outlasts the test, which cancels it
    int profile = Profiles.named("gpu per process").video("libx265", 28, "veryslow").create();
    int id =
        asAdmin()
            .contentType("application/json")
            .body(
                Map.of(
                    "inputPath",
                    input.toString(),
                    "outputPath",
                    MEDIA.resolve("out.mkv").toString(),
                    "profileId",
                    profile,
                    "overwrite",
                    true))
            .post("/api/jobs")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> "PROCESSING".equals(job(id).getString("status")) && job(id).get("pid") != null);
    long pid = job(id).getLong("pid");
    var ours = new GpuProcess(pid, 5.0, 95.0, 0.0, 300L << 20, 1);

    ScriptedMonitor.gpus(List.of(gpu(95.0, List.of(ours))));
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions() // own is null until a snapshot with the GPU is judged
        .until(() -> gpuReading().getDouble("own") == 95.0);
    await()
        .during(Duration.ofSeconds(2)) // twice the 2 hot samples at 0.5 s that would pause it
        .atMost(Duration.ofSeconds(4))
        .until(() -> "PROCESSING".equals(job(id).getString("status")));
    assertThat(gpuReading().getDouble("foreign")).isZero();
    assertThat(gpuReading().getDouble("total")).isEqualTo(95.0);

    var game = new GpuProcess(4242, 97.0, 0.0, 0.0, null, 0);
    ScriptedMonitor.gpus(List.of(gpu(95.0, List.of(game, ours))));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "PAUSED".equals(job(id).getString("status")));
    assertThat(job(id).getString("statusReason")).contains("gpu 97% > 90% (other processes)");
  }
}
