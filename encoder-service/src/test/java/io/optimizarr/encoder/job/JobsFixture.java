package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Creating jobs and profiles through the API, and waiting for jobs to get somewhere. */
public final class JobsFixture {

  private JobsFixture() {}

  /** One encode at a time, at nice 10 on every core: the settings the encode tests start from. */
  public static void oneEncodeAtATime() {
    TestDatabase.execute(
        "UPDATE resource_settings SET nice_level = 10, cpu_affinity = '', max_concurrent_jobs = 1,"
            + " priority_mode = 'IDLE'");
  }

  /** A clean database, {@link #oneEncodeAtATime}, and nothing in {@code media} but the clips. */
  public static void cleanForEncodes(Path media) throws IOException {
    TestDatabase.clean();
    oneEncodeAtATime();
    Clips.keepOnlyClips(media);
  }

  /** A profile copying the audio; its id. {@link Profiles} makes any other. */
  public static int profile(
      String name, String codec, int quality, String preset, String container) {
    return Profiles.named(name).video(codec, quality, preset).container(container).create();
  }

  public static int job(String input, int profileId) {
    return job(Map.of("inputPath", input, "profileId", profileId));
  }

  /** A job writing to {@code output} (a name beside the input), replacing what is there. */
  public static int job(String input, String output, int profileId) {
    String target = Path.of(input).resolveSibling(output).toString();
    return job(
        Map.of(
            "inputPath", input, "outputPath", target, "profileId", profileId, "overwrite", true));
  }

  public static int job(Map<String, Object> body) {
    return Users.createdId("/api/jobs", body);
  }

  /** The types of a job's timeline entries, in order. */
  public static List<String> events(int id) {
    return asAdmin()
        .get("/api/jobs/" + id + "/events")
        .then()
        .extract()
        .jsonPath()
        .getList("type", String.class);
  }

  /** The messages of a job's timeline entries, in order. */
  public static List<String> eventMessages(int id) {
    return asAdmin()
        .get("/api/jobs/" + id + "/events")
        .then()
        .extract()
        .jsonPath()
        .getList("message", String.class);
  }

  /** Cancels every job not finished yet, so no encode of a test runs on into the next. */
  public static void cancelUnfinished() {
    for (String status : List.of("QUEUED", "PROCESSING", "PAUSED")) {
      List<Integer> open =
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
              if (!now.equals(status) && JobStatus.valueOf(now).isFinished()) {
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
