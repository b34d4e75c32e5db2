package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.Metrics;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A completed job's sizes, the space saved over all jobs and one library folder, the counters. */
@QuarkusTest
class SpaceSavedTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("space-saved");

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @BeforeAll
  static void clean() throws Exception {
    JobsFixture.cleanForEncodes(MEDIA);
  }

  private double metric(String name) {
    return Metrics.value(metrics, name);
  }

  private static JsonPath stats(String query) {
    return asAdmin().get("/api/stats" + query).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void shouldRecordTheSizesOfACompletedJobAndAddThemUp() throws Exception {
    double filesBefore = metric("optimizarr_encoded_files_total");
    double savedBefore = metric("optimizarr_saved_bytes_total");
    Path input = Clips.clip(MEDIA, "clip-4s.mkv", 4);
    int small = profile("small x265", "libx265", 36, "ultrafast", "mkv");

    int id = job(input.toString(), "small.mkv", small);
    var done = until(id, "COMPLETED", Duration.ofSeconds(120));

    long inputBytes = Files.size(input);
    long outputBytes = Files.size(MEDIA.resolve("small.mkv"));
    assertThat(done.getLong("inputBytes")).isEqualTo(inputBytes);
    assertThat(done.getLong("outputBytes")).isEqualTo(outputBytes);
    assertThat(outputBytes).as("a clip made smaller").isLessThan(inputBytes);

    var all = stats("");
    assertThat(all.getLong("filesDone")).isEqualTo(1);
    assertThat(all.getLong("inputBytes")).isEqualTo(inputBytes);
    assertThat(all.getLong("outputBytes")).isEqualTo(outputBytes);
    assertThat(all.getLong("savedBytes")).isEqualTo(inputBytes - outputBytes);
    assertThat(all.getDouble("encodeHours")).isPositive();
    assertThat(all.getDouble("pausedHours")).isZero();
    assertThat(metric("optimizarr_encoded_files_total")).isEqualTo(filesBefore + 1);
    assertThat(metric("optimizarr_saved_bytes_total"))
        .isEqualTo(savedBefore + (inputBytes - outputBytes));

    TestDatabase.execute(
        "INSERT INTO library_folder (id, path, profile_id, extensions) VALUES"
            + " (901, '"
            + MEDIA
            + "', 1, '{mkv}'), (902, '"
            + MEDIA
            + "-other', 1, '{mkv}')");
    assertThat(stats("?folder=901").getLong("savedBytes")).isEqualTo(inputBytes - outputBytes);
    assertThat(stats("?folder=902").getLong("filesDone")).isZero();
    asAdmin().get("/api/stats?folder=999").then().statusCode(404);
  }

  @Test
  void shouldAddUpEachDayAsTheAskersTimeZoneCountsIt() {
    // Yesterday 23:30 UTC is yesterday in UTC and today's morning in Tokyo.
    Instant late =
        LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(23, 30).toInstant(ZoneOffset.UTC);
    Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
    try {
      TestDatabase.execute(
          "INSERT INTO library_folder (id, path, profile_id, extensions) VALUES"
              + " (903, '/days', 1, '{mkv}');"
              + " INSERT INTO encoding_job (input_path, output_path, profile_id, status,"
              + " input_bytes, output_bytes, started_at, finished_at) VALUES"
              + " ('/days/a.mkv', '/days/a.out.mkv', 1, 'COMPLETED', 1000, 400, now(), '"
              + late
              + "'), ('/days/b.mkv', '/days/b.out.mkv', 1, 'COMPLETED', 500, 300, now(), '"
              + late
              + "'), ('/days/c.mkv', '/days/c.out.mkv', 1, 'COMPLETED', 900, 100, now(), '"
              + weekAgo
              + "'), ('/days/d.mkv', '/days/d.out.mkv', 1, 'FAILED', 900, 100, now(), now())");
      for (String zone : List.of("UTC", "Asia/Tokyo", "America/Los_Angeles")) {
        ZoneId in = ZoneId.of(zone);
        List<Map<String, Object>> days =
            asAdmin()
                .get("/api/stats/days?days=10&folder=903&zone=" + zone)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        assertThat(days).as(zone).hasSize(10);
        assertThat(days.get(9).get("day")).isEqualTo(LocalDate.now(in).toString());
        var saved = new LinkedHashMap<String, Integer>();
        days.forEach(d -> saved.put((String) d.get("day"), (Integer) d.get("savedBytes")));
        var expected = new LinkedHashMap<String, Integer>();
        saved.keySet().forEach(day -> expected.put(day, 0));
        expected.merge(late.atZone(in).toLocalDate().toString(), 800, Integer::sum);
        expected.merge(weekAgo.atZone(in).toLocalDate().toString(), 800, Integer::sum);
        assertThat(saved).as(zone).isEqualTo(expected);
        Map<String, Object> lateDay =
            days.stream()
                .filter(d -> d.get("day").equals(late.atZone(in).toLocalDate().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(lateDay)
            .containsEntry("filesDone", 2)
            .containsEntry("inputBytes", 1500)
            .containsEntry("outputBytes", 700);
      }
      asAdmin().get("/api/stats/days?days=0").then().statusCode(400).body("field", is("days"));
      asAdmin().get("/api/stats/days?days=367").then().statusCode(400).body("field", is("days"));
      asAdmin()
          .get("/api/stats/days?zone=Mars/Olympus")
          .then()
          .statusCode(400)
          .body("field", is("zone"));
      asAdmin().get("/api/stats/days?folder=999").then().statusCode(404);
      assertThat(
              asAdmin()
                  .get("/api/stats/days")
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath()
                  .getList(""))
          .hasSize(30);
    } finally {
      TestDatabase.execute(
          "DELETE FROM encoding_job WHERE input_path LIKE '/days/%';"
              + " DELETE FROM library_folder WHERE id = 903");
    }
  }
}
