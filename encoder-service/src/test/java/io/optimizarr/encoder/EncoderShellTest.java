package io.optimizarr.encoder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The encoder's shell: health on the management port and not on the public one. */
@QuarkusTest
class EncoderShellTest {

  // The management root already ends in /q.
  @TestHTTPResource(value = "/health/live", management = true)
  URL live;

  @Test
  void shouldBeLiveOnTheManagementPortOnly() {
    given().get(live).then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(404);
  }
}
