package io.optimizarr.encoder.testing;

import static io.restassured.RestAssured.given;

import java.net.URL;

/** Reads one figure from the Prometheus text on the management port. */
public final class Metrics {

  private Metrics() {}

  /** The value of the series {@code line} names exactly (name and labels) at {@code metrics}. */
  public static double value(URL metrics, String line) {
    return given()
        .get(metrics)
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .lines()
        .filter(l -> l.startsWith(line + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + line));
  }
}
