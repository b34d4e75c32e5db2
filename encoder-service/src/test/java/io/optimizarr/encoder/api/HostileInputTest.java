package io.optimizarr.encoder.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.testing.ApiEndpoints;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint fed what a broken or hostile client sends: malformed JSON, wrong types, huge
 * strings, enormous and negative numbers, unknown fields, bad ids, and paths that try to leave the
 * media roots. Each answer is a 4xx problem document, never a 500, and nothing is written: not a
 * row of the database, not a file of the media root.
 */
@QuarkusTest
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR = TestDatabase.MEDIA.resolve("hostile");
  private static final String[] TABLES = {
    "encoding_job",
    "job_event",
    "encoding_profile",
    "app_user",
    "resource_settings",
    "webhook",
    "webhook_delivery",
    "library_folder"
  };

  private static String session;
  private static long otherUser;
  private Map<String, Long> rowsBefore;
  private List<Path> filesBefore;

  @BeforeAll
  static void media() throws IOException {
    TestDatabase.clean();
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve("in.mkv"), "not really a film");
    Path escape = DIR.resolve("escape");
    if (!Files.isSymbolicLink(escape)) {
      Files.createSymbolicLink(escape, Path.of("/etc"));
    }
  }

  @BeforeEach
  void snapshot() throws IOException {
    if (session == null) { // here, not in @BeforeAll: RestAssured knows the port from now on
      Users.create("hostile-target", "hostile-secret", "viewer");
      otherUser = TestDatabase.count("select id from app_user where username = 'hostile-target'");
      session = Users.sessionCookie(Users.ADMIN, Users.ADMIN_PASSWORD);
    }
    rowsBefore = rows();
    filesBefore = files();
  }

  @AfterEach
  void nothingWritten() throws IOException {
    assertThat(rows()).as("the database").isEqualTo(rowsBefore);
    assertThat(files()).as("the media root").isEqualTo(filesBefore);
  }

  /** A write and a body it accepts; the test spoils that body one field at a time. */
  record Write(String method, String path, Map<String, Object> body) {}

  @SuppressWarnings("unchecked")
  private static List<Write> writes() {
    var job = new LinkedHashMap<String, Object>();
    job.put("inputPath", DIR.resolve("in.mkv").toString());
    job.put("outputPath", DIR.resolve("out.mkv").toString());
    job.put("profileId", 1);
    job.put("priority", 0);
    job.put("overwrite", false);
    job.put("ignoreThresholds", false);
    var profile =
        Profiles.named("Hostile")
            .video("libx265", 23, "slow")
            .audio("opus", 128)
            .with("cpuThreshold", 80)
            .with("memoryThreshold", 80)
            .with("gpuThreshold", 80)
            .with("niceLevel", 10)
            .with("cpuAffinity", "0")
            .with("audioLanguages", List.of("eng"))
            .with("subtitleLanguages", List.of("fre"))
            .with("allowStreamDrops", true)
            .with("thoroughCheck", true)
            .with("outputMode", "replace")
            .with("recycleDays", 7)
            .with("minSavingsPercent", 10)
            .body();
    Map<String, Object> settings = admin().get("/api/settings/resources").as(Map.class);
    var user =
        Map.<String, Object>of("username", "hostile", "password", "long-enough", "role", "viewer");
    var password = Map.<String, Object>of("password", "long-enough-too");
    var ownPassword =
        Map.<String, Object>of(
            "currentPassword", "test-admin-secret", "password", "long-enough-too");
    var webhook = new LinkedHashMap<String, Object>();
    webhook.put("name", "hostile hook");
    webhook.put("url", "http://127.0.0.1:9/hook");
    webhook.put("secret", "hostile-secret");
    webhook.put("events", List.of("job.failed"));
    webhook.put("pausedMinutes", 30);
    webhook.put("enabled", true);
    var folder = new LinkedHashMap<String, Object>();
    folder.put("path", DIR.toString());
    folder.put("profileId", 1);
    folder.put("extensions", List.of("mkv"));
    folder.put("outputMode", "replace");
    return List.of(
        new Write("POST", "/api/jobs", job),
        new Write("POST", "/api/webhooks", webhook),
        new Write("POST", "/api/library", folder),
        new Write("POST", "/api/profiles", profile),
        new Write("PUT", "/api/profiles/1", profile),
        new Write("POST", "/api/settings/resources", settings),
        new Write("PUT", "/api/settings/resources", settings),
        new Write("POST", "/api/users", user),
        new Write("PUT", "/api/users/" + otherUser + "/password", password),
        new Write("PUT", "/api/me/password", ownPassword));
  }

  /**
   * Lists for which an empty one is valid, each with a valid element: the language lists (empty
   * keeps every language, a code must be known) and the release causes (empty releases on none).
   */
  private static final Map<String, String> EMPTY_IS_VALID =
      Map.of("audioLanguages", "eng", "subtitleLanguages", "eng", "releasePauseOn", "memory");

  /** JSON values that no field of the valid value's type accepts. */
  private static List<String> wrongValuesLike(String field, Object valid) {
    var wrong = new ArrayList<>(List.of("[]", "{}", "[1,2]"));
    String element = EMPTY_IS_VALID.get(field);
    if (element != null) {
      wrong.remove("[]");
      wrong.addAll(
          List.of(
              "\"" + element + "\"",
              "[null]",
              "[true]",
              "[\"english\"]",
              "[\"" + "x".repeat(100_000) + "\"]",
              "[\"e\\u0000g\"]",
              "[[\"" + element + "\"]]"));
    }
    if (valid instanceof String) {
      wrong.addAll(List.of("true", "\"" + "x".repeat(100_000) + "\"", "\"a\\u0000b\""));
    } else if (valid instanceof Number) {
      wrong.addAll(
          List.of(
              "\"12\"",
              "true",
              "1.5",
              "-1000000",
              "2147483648",
              "-2147483649",
              "1e309",
              "99999999999999999999"));
    } else if (valid instanceof Boolean) {
      wrong.addAll(List.of("\"true\"", "1", "\"yes\""));
    }
    return wrong;
  }

  @Test
  void shouldRefuseEveryWrongValueOfEveryFieldNamingTheField() throws Exception {
    var soft = new SoftAssertions();
    for (Write write : writes()) {
      for (var field : write.body().entrySet()) {
        if (field.getValue() == null) {
          continue;
        }
        var rest = new LinkedHashMap<>(write.body());
        rest.remove(field.getKey());
        String others = JSON.writeValueAsString(rest);
        for (String value : wrongValuesLike(field.getKey(), field.getValue())) {
          String body =
              "{\""
                  + field.getKey()
                  + "\":"
                  + value
                  + (rest.isEmpty() ? "}" : "," + others.substring(1));
          Response response = send(write.method(), write.path(), body);
          String what =
              write.method() + " " + write.path() + " " + field.getKey() + "=" + abbreviate(value);
          refused(soft, response, what);
          if (response.statusCode() == 400) {
            soft.assertThat(response.asString())
                .as(what + " names the field: " + abbreviate(response.asString()))
                .contains("\"" + field.getKey() + "\"");
          }
        }
      }
    }
    soft.assertAll();
  }

  @Test
  void shouldRefuseBodiesThatAreNotTheObjectAsked() throws Exception {
    var soft = new SoftAssertions();
    for (Write write : writes()) {
      String valid = JSON.writeValueAsString(write.body());
      String what = write.method() + " " + write.path();
      List<String> bodies =
          List.of(
              "",
              "{",
              "}",
              "null",
              "[]",
              "12",
              "\"text\"",
              "{\"a\":",
              valid + " trailing",
              "[".repeat(5_000) + "]".repeat(5_000),
              "{\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
              valid.substring(0, valid.length() - 1) + ",\"unknownField\":1}",
              "\u0000");
      for (String body : bodies) {
        refused(soft, send(write.method(), write.path(), body), what + " body " + abbreviate(body));
      }
      byte[] notUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
      refused(
          soft,
          admin()
              .contentType("application/json")
              .body(notUtf8)
              .request(write.method(), write.path()),
          what + " not UTF-8");
      refused(
          soft,
          admin().contentType("text/plain").body(valid).request(write.method(), write.path()),
          what + " as text/plain");
      refused(
          soft,
          admin()
              .contentType("application/x-www-form-urlencoded")
              .body("name=x")
              .request(write.method(), write.path()),
          what + " as a form");
    }
    soft.assertAll();
  }

  @Test
  void shouldRefuseBadIdsUnknownPathsAndMethods() {
    var soft = new SoftAssertions();
    List<String> ids =
        List.of(
            "-1",
            "0",
            "abc",
            "99999999999999999999",
            "1.5",
            "%00",
            "..%2F..%2Fetc",
            "1%20OR%201=1",
            "x".repeat(2_000));
    for (var endpoint : ApiEndpoints.ALL) {
      if (!endpoint.path().contains("/1")) {
        continue;
      }
      for (String id : ids) {
        String path = endpoint.path().replace("/1", "/" + id);
        refused(
            soft, send(endpoint.method(), path, "{}"), endpoint.method() + " " + abbreviate(path));
      }
    }
    refused(soft, send("PATCH", "/api/jobs", "{}"), "PATCH /api/jobs");
    refused(soft, send("DELETE", "/api/settings/resources", "{}"), "DELETE settings");
    refused(soft, send("GET", "/api/no-such-thing", null), "GET /api/no-such-thing");
    refused(soft, send("GET", "/api/jobs?page=-1", null), "GET /api/jobs?page=-1");
    refused(soft, send("GET", "/api/jobs?size=100000000", null), "GET /api/jobs?size=100000000");
    refused(soft, send("GET", "/api/jobs?status=NOPE", null), "GET /api/jobs?status=NOPE");
    refused(soft, send("GET", "/api/resources/history?minutes=100000", null), "100000 minutes");
    refused(soft, send("GET", "/api/resources/history?minutes=abc", null), "abc minutes");
    soft.assertAll();
  }

  @Test
  void shouldRefuseJobPathsOutsideTheRootsOrNotFiles() throws Exception {
    var soft = new SoftAssertions();
    String input = DIR.resolve("in.mkv").toString();
    List<String> bad =
        List.of(
            "../etc/passwd",
            "/etc/passwd",
            DIR + "/../../../etc/passwd",
            DIR.resolve("escape").resolve("passwd").toString(),
            "hostile/escape/passwd",
            "in\u0000.mkv",
            DIR + "/in.mkv\u0000.txt",
            "x".repeat(300) + ".mkv",
            "x".repeat(5_000),
            "",
            "   ",
            "/",
            DIR.toString(),
            "hostile/missing.mkv");
    for (String path : bad) {
      var asInput = Map.<String, Object>of("inputPath", path, "profileId", 1);
      Response response = send("POST", "/api/jobs", JSON.writeValueAsString(asInput));
      refused(soft, response, "inputPath " + abbreviate(path));
      soft.assertThat(response.asString())
          .as("inputPath " + abbreviate(path))
          .contains("\"inputPath\"");
    }
    List<String> badOutputs = new ArrayList<>(bad);
    badOutputs.removeAll(List.of("", "   ", "hostile/missing.mkv"));
    badOutputs.addAll(
        List.of(
            input,
            DIR.resolve("escape").resolve("out.mkv").toString(),
            "/tmp/out.mkv",
            DIR + "/no-folder/out.mkv"));
    for (String path : badOutputs) {
      var asOutput = Map.<String, Object>of("inputPath", input, "outputPath", path, "profileId", 1);
      Response response = send("POST", "/api/jobs", JSON.writeValueAsString(asOutput));
      refused(soft, response, "outputPath " + abbreviate(path));
      soft.assertThat(response.asString())
          .as("outputPath " + abbreviate(path))
          .contains("\"outputPath\"");
    }
    soft.assertAll();
  }

  /** The admin, by a session cookie: a password check on each of these many requests is slow. */
  private static RequestSpecification admin() {
    return RestAssured.given().cookie(Users.SESSION_COOKIE, session);
  }

  private static Response send(String method, String path, String body) {
    var request = admin().urlEncodingEnabled(false);
    if (body != null) {
      // As bytes: RestAssured would otherwise take seconds over the deeply nested ones.
      request = request.contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
    }
    return request.request(method, path);
  }

  /** A 4xx with a problem document whose status is the response's and whose detail says why. */
  private static void refused(SoftAssertions soft, Response response, String what) {
    int status = response.statusCode();
    soft.assertThat(status).as(what + " → " + abbreviate(response.asString())).isBetween(400, 499);
    String type = String.valueOf(response.contentType());
    soft.assertThat(type).as(what + " content type").startsWith("application/problem+json");
    if (type.startsWith("application/problem+json")) {
      soft.assertThat(response.jsonPath().getInt("status")).as(what + " status").isEqualTo(status);
      soft.assertThat(response.jsonPath().getString("detail")).as(what + " detail").isNotBlank();
    }
  }

  private static String abbreviate(String text) {
    String printable = text.replace("\u0000", "\\0");
    return printable.length() > 120 ? printable.substring(0, 117) + "…" : printable;
  }

  /** A fingerprint of every table: its row count and the hash of its rows. */
  private static Map<String, Long> rows() {
    var rows = new LinkedHashMap<String, Long>();
    for (String table : TABLES) {
      rows.put(
          table,
          TestDatabase.count(
              "select count(*) * 1000003 + coalesce(sum(hashtext(t::text)), 0) from "
                  + table
                  + " t"));
    }
    return rows;
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(TestDatabase.MEDIA)) {
      return walk.sorted().toList();
    }
  }
}
