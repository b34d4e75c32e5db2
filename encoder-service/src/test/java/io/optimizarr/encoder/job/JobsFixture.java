package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Users;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Creating jobs and profiles through the API, and waiting for jobs to get somewhere. */
public final class JobsFixture {

  private JobsFixture() {}

  public static int profile(
      String name, String codec, int quality, String preset, String container) {
    return profile(name, codec, quality, preset, container, Map.of());
  }

  /** A profile with more fields ({@code skipIfTargetCodec}, overrides, …) than the usual ones. */
  public static int profile(
      String name,
      String codec,
      int quality,
      String preset,
      String container,
      Map<String, Object> more) {
    var body = new HashMap<String, Object>(more);
    body.put("name", name);
    body.put("videoCodec", codec);
    body.put("quality", quality);
    body.put("preset", preset);
    body.put("audioCodec", "copy");
    body.put("container", container);
    return Users.createdId("/api/profiles", body);
  }

  public static int job(String input, int profileId) {
    return job(Map.of("inputPath", input, "profileId", profileId));
  }

  /** A job writing to {@code output} (a name beside the input), replacing what is there. */
  public static int job(String input, String output, int profileId) {
    String target = java.nio.file.Path.of(input).resolveSibling(output).toString();
    return job(
        Map.of(
            "inputPath", input, "outputPath", target, "profileId", profileId, "overwrite", true));
  }

  public static int job(Map<String, Object> body) {
    return Users.createdId("/api/jobs", body);
  }

  /** The types of a job's timeline entries, in order. */
  public static java.util.List<String> events(int id) {
    return asAdmin()
        .get("/api/jobs/" + id + "/events")
        .then()
        .extract()
        .jsonPath()
        .getList("type", String.class);
  }

  /** Cancels every job not finished yet, so no encode of a test runs on into the next. */
  public static void cancelUnfinished() {
    for (String status : java.util.List.of("QUEUED", "PROCESSING", "PAUSED")) {
      java.util.List<Integer> open =
          asAdmin().get("/api/jobs?status=" + status).then().extract().path("items.id");
      open.forEach(id -> asAdmin().post("/api/jobs/" + id + "/cancel"));
    }
  }

  public static JsonPath get(int id) {
    return asAdmin().get("/api/jobs/" + id).then().statusCode(200).extract().jsonPath();
  }

  public static JsonPath until(int id, String status, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String now = get(id).getString("status");
              if (!now.equals(status) && io.optimizarr.model.JobStatus.valueOf(now).isFinished()) {
                throw new AssertionError(
                    "job "
                        + id
                        + " ended "
                        + now
                        + " while waiting for "
                        + status
                        + ": "
                        + get(id).prettify());
              }
              return now.equals(status);
            });
    return get(id);
  }

  /** Waits until the job runs and its ffmpeg has a pid. */
  public static long runningPid(int id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> get(id).getString("status").equals("PROCESSING") && get(id).get("pid") != null);
    return get(id).getLong("pid");
  }
}
