package io.optimizarr.monitor.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Health and metrics live on the management port, not on the public one. */
@QuarkusTest
class ManagementInterfaceTest {

  // The management root already ends in /q.
  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @TestHTTPResource(value = "/health/live", management = true)
  URL live;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @Test
  void shouldExposeEveryFigureAsAPrometheusMetric() {
    await().until(() -> given().get(ready).statusCode() == 200);

    given()
        .get(metrics)
        .then()
        .statusCode(200)
        .body(
            containsString("optimizarr_cpu_usage_percent "),
            containsString("optimizarr_cpu_core_usage_percent{core=\"0\"}"),
            containsString("optimizarr_cpu_load_average_1m "),
            containsString("optimizarr_memory_used_bytes "),
            containsString("optimizarr_memory_available_bytes "),
            containsString("optimizarr_memory_swap_total_bytes "),
            containsString("optimizarr_disk_read_bytes_total "),
            containsString("optimizarr_disk_write_bytes_total "),
            containsString("optimizarr_disk_reads_total "),
            containsString("optimizarr_disk_read_bytes_per_second "),
            containsString("optimizarr_network_received_bytes_total "),
            containsString("optimizarr_network_sent_bytes_per_second "),
            containsString("optimizarr_sse_subscribers "),
            containsString("optimizarr_monitor_samples_total "));
  }

  @Test
  void shouldBeLiveAndReadyOnTheManagementPort() {
    await().until(() -> given().get(ready).statusCode() == 200);

    given().get(live).then().statusCode(200).body("status", equalTo("UP"));
    given().get(ready).then().statusCode(200).body("checks.name", hasItem("snapshot"));
  }

  @Test
  void shouldNotServeHealthOrMetricsOnThePublicPort() {
    given().get("/q/metrics").then().statusCode(404);
    given().get("/q/health/live").then().statusCode(404);
  }
}
