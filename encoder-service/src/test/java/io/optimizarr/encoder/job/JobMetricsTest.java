package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Metrics;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobMetricsTest {

  // The management root already ends in /q.
  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @BeforeAll
  static void clean() {
    TestDatabase.clean();
  }

  private double metric(String line) {
    return Metrics.value(metrics, line);
  }

  @Test
  void shouldCountJobsByStatusAndFailures() throws Exception {
    double failuresBefore = metric("optimizarr_job_failures_total");
    Path broken =
        Files.createDirectories(TestDatabase.MEDIA.resolve("metrics")).resolve("noise.mkv");
    Files.write(broken, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    int id = job(broken.toString(), 1);
    until(id, "FAILED", Duration.ofSeconds(60));

    assertThat(metric("optimizarr_job_failures_total")).isEqualTo(failuresBefore + 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> metric("optimizarr_jobs{status=\"FAILED\"}") >= 1);
    assertThat(given().get(metrics).asString()).contains("optimizarr_job_duration_seconds_count");
  }
}
