package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue's API with the supervisor held back (no job runs), so states stay where put. */
@QuarkusTest
class JobsResourceTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("jobs-api");
  static final Path OUTSIDE = TestDatabase.MEDIA.resolveSibling("optimizarr-test-outside");

  @BeforeAll
  static void prepare() throws IOException {
    TestDatabase.clean();
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    Files.createDirectories(MEDIA);
    Files.createDirectories(OUTSIDE);
    for (String name : List.of("a.mkv", "b.mkv", "c.mkv")) {
      Files.writeString(MEDIA.resolve(name), "stand-in for a film");
    }
    Files.writeString(OUTSIDE.resolve("secret.mkv"), "not yours");
    Files.deleteIfExists(MEDIA.resolve("escape.mkv"));
    Files.createSymbolicLink(MEDIA.resolve("escape.mkv"), OUTSIDE.resolve("secret.mkv"));
  }

  @AfterAll
  static void restore() {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
    TestDatabase.clean();
  }

  private static ValidatableResponse post(Map<String, Object> body) {
    return asAdmin().contentType("application/json").body(body).post("/api/jobs").then();
  }

  /** Queues {@code input} to {@code output}, both in {@link #MEDIA}, with profile 1; its id. */
  private static int queued(String input, String output, Map<String, Object> more) {
    var body = new HashMap<>(more);
    body.put("inputPath", MEDIA.resolve(input).toString());
    body.put("outputPath", MEDIA.resolve(output).toString());
    body.put("profileId", 1);
    return post(body).statusCode(201).extract().path("id");
  }

  @Test
  void shouldRefusePathsOutsideTheRootsNamingTheField() {
    post(Map.of("inputPath", OUTSIDE.resolve("secret.mkv").toString(), "profileId", 1))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("inputPath"))
        .body("detail", containsString("outside the media roots"));
    post(Map.of("inputPath", MEDIA + "/../../optimizarr-test-outside/secret.mkv", "profileId", 1))
        .statusCode(400)
        .body("field", equalTo("inputPath"))
        .body("detail", containsString("'..'"));
    post(Map.of("inputPath", MEDIA.resolve("escape.mkv").toString(), "profileId", 1))
        .statusCode(400)
        .body("field", equalTo("inputPath"))
        .body("detail", containsString("outside the media roots"));
    post(Map.of(
            "inputPath",
            MEDIA.resolve("a.mkv").toString(),
            "outputPath",
            OUTSIDE.resolve("out.mkv").toString(),
            "profileId",
            1))
        .statusCode(400)
        .body("field", equalTo("outputPath"));
    post(Map.of("inputPath", MEDIA.resolve("missing.mkv").toString(), "profileId", 1))
        .statusCode(400)
        .body("field", equalTo("inputPath"))
        .body("detail", containsString("does not exist"));
    post(Map.of("inputPath", MEDIA.resolve("a.mkv").toString(), "profileId", 999))
        .statusCode(400)
        .body("field", equalTo("profileId"));
    post(Map.of("inputPath", MEDIA.resolve("a.mkv").toString()))
        .statusCode(400)
        .body("field", equalTo("profileId"));
    assertThat(
            TestDatabase.count(
                "select count(*) from encoding_job where input_path like '%secret%'"
                    + " or input_path like '%missing%' or output_path like '%outside%'"))
        .isZero();
  }

  @Test
  void shouldRefuseAnExistingOutputUnlessOverwritingAndASecondJobOnTheSameOutput()
      throws IOException {
    Files.writeString(MEDIA.resolve("b.mp4"), "an earlier encode");
    // profile 2 is "H.264 compatible", an mp4 profile: the default output is b.mp4
    post(Map.of("inputPath", MEDIA.resolve("b.mkv").toString(), "profileId", 2))
        .statusCode(409)
        .body("field", equalTo("outputPath"))
        .body("detail", containsString("overwrite"));
    post(Map.of("inputPath", MEDIA.resolve("b.mkv").toString(), "profileId", 2, "overwrite", true))
        .statusCode(201)
        .body("outputPath", equalTo(MEDIA.resolve("b.mp4").toString()))
        .body("status", equalTo("QUEUED"));
    post(Map.of("inputPath", MEDIA.resolve("b.mkv").toString(), "profileId", 2, "overwrite", true))
        .statusCode(409)
        .body("detail", containsString("another unfinished job"));
  }

  @Test
  void shouldListInQueueOrderWithPagesAndAStatusFilter() {
    int low = queued("c.mkv", "c1.mkv", Map.of("priority", -5));
    int high = queued("c.mkv", "c2.mkv", Map.of("priority", 50));
    int normal = queued("c.mkv", "c3.mkv", Map.of());

    List<Integer> ids =
        asAdmin()
            .get("/api/jobs?status=QUEUED&size=200")
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(ids).containsSubsequence(high, normal, low);
    asAdmin()
        .get("/api/jobs?status=queued&page=0&size=1")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].id", equalTo(high))
        .body("size", equalTo(1));
    asAdmin().get("/api/jobs?status=DONE").then().statusCode(400).body("field", equalTo("status"));
    asAdmin().get("/api/jobs?size=0").then().statusCode(400).body("field", equalTo("size"));
    asAdmin().get("/api/jobs?page=-1").then().statusCode(400).body("field", equalTo("page"));
  }

  @Test
  void shouldCancelAQueuedJobAndDeleteOnlyFinishedOnes() {
    int id = queued("a.mkv", "a-out.mkv", Map.of());

    asAdmin().delete("/api/jobs/" + id).then().statusCode(409);
    asAdmin().post("/api/jobs/" + id + "/pause").then().statusCode(409);
    asAdmin()
        .post("/api/jobs/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));
    asAdmin()
        .get("/api/jobs/" + id + "/events")
        .then()
        .statusCode(200)
        .body("type", contains("QUEUED", "CANCELLED"));
    asAdmin().delete("/api/jobs/" + id).then().statusCode(204);
    asAdmin().get("/api/jobs/" + id).then().statusCode(404).contentType("application/problem+json");
    asAdmin().get("/api/jobs/" + id + "/events").then().statusCode(404);
  }

  @Test
  void shouldRejectABodyOverOneMebibyte() {
    String huge = "x".repeat(1_100_000);
    asAdmin()
        .contentType("application/json")
        .body(Map.of("inputPath", huge, "profileId", 1))
        .post("/api/jobs")
        .then()
        .statusCode(413);
  }

  @Test
  void shouldAcceptJsonOnlyForWrites() {
    asAdmin()
        .contentType("text/plain")
        .body("inputPath=a.mkv")
        .post("/api/jobs")
        .then()
        .statusCode(415);
  }
}
