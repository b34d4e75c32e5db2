package io.optimizarr.encoder.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.job.JobsFixture;
import io.optimizarr.encoder.testing.Browser;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.CutProxy;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.ScriptedMonitor;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.optimizarr.encoder.testing.WithScriptedMonitor;
import io.optimizarr.model.GpuUsage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in headless Chromium against the running encoder, its database and real ffmpeg, with a
 * monitor whose figures the test sets ({@link ScriptedMonitor}). Screenshots go to docs/.
 */
@QuarkusTest
@TestProfile(WithScriptedMonitor.class)
class UiTest extends BrowserTest {

  UiTest() {
    super(1280, 900);
  }

  @BeforeEach
  void start() {
    ScriptedMonitor.set(10, 30);
    ScriptedMonitor.gpus(List.of());
  }

  @AfterEach
  void stop() {
    JobsFixture.cancelUnfinished();
    TestDatabase.execute("UPDATE resource_settings SET enable_throttling = FALSE");
  }

  @Test
  void shouldLogInAndOut() {
    browser.open("/");
    browser.waiting(15).until(d -> d.getCurrentUrl().endsWith("/login.html"));
    browser.find("#username").sendKeys(Users.ADMIN);
    browser.find("#password").sendKeys("not the password");
    browser.find("#login-button").click();
    browser.waiting(15).until(d -> d.findElement(By.id("login-error")).isDisplayed());

    // From the keyboard: the user name has the focus, Tab to the password, Enter to log in.
    browser.open("/login.html");
    browser.find("#username");
    browser
        .driver
        .switchTo()
        .activeElement()
        .sendKeys(Users.ADMIN + Keys.TAB + Users.ADMIN_PASSWORD + Keys.ENTER);
    browser.awaitText("#user", Users.ADMIN, 15);
    assertThat(browser.text("#role")).isEqualTo("admin");

    browser.find("#logout").click();
    browser.waiting(15).until(d -> d.getCurrentUrl().endsWith("/login.html"));
    browser.open("/");
    browser.waiting(15).until(d -> d.getCurrentUrl().endsWith("/login.html"));
  }

  @Test
  void shouldColourTheCardsAsTheStreamChanges() throws Exception {
    TestDatabase.execute(
        "INSERT INTO encoding_job (input_path, output_path, profile_id, status, input_bytes,"
            + " output_bytes, started_at, finished_at) VALUES ('/in/ui.mkv', '/out/ui.mkv', 1,"
            + " 'COMPLETED', 3221225472, 1073741824, now() - interval '2 hours', now())");
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
    browser.awaitText(
        "#saved", "2.0 GiB saved (67%) over 1 file: 3.0 GiB before, 1.0 GiB after", 10);
    assertThat(browser.text("#saved")).contains("2.0 h encoding, 0.0 h paused");
    // The chart's last bar is today's, with today's saving; the days before saved nothing.
    var bars = browser.driver.findElements(By.cssSelector("#saved-days rect.day"));
    assertThat(bars).hasSize(30);
    assertThat(bars.get(29).getAttribute("data-saved")).isEqualTo("2147483648");
    assertThat(bars.get(28).getAttribute("data-saved")).isEqualTo("0");
    assertThat(browser.text("#best-day")).endsWith(": 2.0 GiB saved");
    ScriptedMonitor.set(74, 80);
    browser.awaitText("#cpu-card .value", "74%", 10);
    assertThat(browser.text("#cpu-card .level")).isEqualTo("Normal");
    assertThat(browser.attribute("#cpu-card .level", "class")).contains("normal");
    assertThat(browser.text("#memory-card .value")).isEqualTo("80%");
    assertThat(browser.text("#memory-card .level")).isEqualTo("Elevated");
    assertThat(browser.attribute("#memory-card .bar", "class")).contains("elevated");
    assertThat(browser.text("#gpu-card .value")).isEqualTo("N/A");

    ScriptedMonitor.set(95, 40);
    browser.awaitText("#cpu-card .value", "95%", 10);
    assertThat(browser.text("#cpu-card .level")).isEqualTo("High");
    assertThat(browser.attribute("#cpu-card .bar", "class")).contains("high");
    assertThat(browser.text("#network")).contains("in 2.0 MiB/s");

    ScriptedMonitor.gpus(
        List.of(
            new GpuUsage(
                0,
                "Recorded H100",
                "GPU-x",
                "nvidia",
                50.0,
                1L << 30,
                80L << 30,
                60.0,
                300.0,
                0.0,
                0.0)));
    browser.awaitText("#gpu-card .value", "50%", 10);
    assertThat(browser.text("#temperatures")).contains("GPU 0 60 °C");

    // How encodes are placed, as the server judged this host: its summary, and its warning with
    // the fix where it has one.
    var placement = Users.asAdmin().get("/api/resources/thresholds").then().extract().jsonPath();
    assertThat(browser.text("#placement-summary"))
        .contains(placement.getString("placement.summary"));
    String warning = placement.getString("placement.warning");
    if (warning == null) {
      assertThat(browser.driver.findElements(By.id("placement-warning"))).isEmpty();
      assertThat(browser.attribute("#placement-protection", "class")).contains("normal");
    } else {
      assertThat(browser.text("#placement-warning"))
          .contains(warning, "Fix: " + placement.getString("placement.fix"));
      assertThat(browser.attribute("#placement-protection", "class")).contains("high");
    }

    // A few more seconds of history for the chart, then the picture for docs/.
    ScriptedMonitor.set(35, 45);
    browser.awaitText("#cpu-card .value", "35%", 10);
    Thread.sleep(3000);
    browser.screenshot("dashboard");

    // The job's sizes and saving, in the table and on its page.
    long id =
        TestDatabase.count("SELECT max(id) FROM encoding_job WHERE input_path = '/in/ui.mkv'");
    browser.open("/#/jobs");
    browser.awaitText("#job-" + id + " .size", "3.0 GiB → 1.0 GiB, 67% saved", 10);
    browser.open("/#/jobs/" + id);
    browser.awaitText("#job-size", "3.0 GiB → 1.0 GiB, 67% saved", 10);
  }

  @Test
  void shouldFillPresetsAndKeepSavedSettingsAcrossAReload() throws Exception {
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
    browser.open("/#/settings");
    browser.find("[data-preset=Conservative]").click();
    assertThat(browser.find("#cpuThreshold").getAttribute("value")).isEqualTo("70");
    assertThat(browser.text("#cpuThreshold-value")).isEqualTo("70%");
    assertThat(browser.find("#niceLevel").getAttribute("value")).isEqualTo("15");

    browser.find("#save-settings").click();
    browser.awaitText("#settings-message", "Settings saved.", 10);
    browser.screenshot("settings");
    assertThat(TestDatabase.count("SELECT cpu_threshold FROM resource_settings")).isEqualTo(70L);

    browser.driver.navigate().refresh();
    browser.awaitText("#cpuThreshold-value", "70%", 10);
    assertThat(browser.find("#memoryThreshold").getAttribute("value")).isEqualTo("70");
  }

  @Test
  void shouldShowTheServersMessageBesideTheField() {
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
    browser.open("/#/settings");
    WebElement affinity = browser.find("#cpuAffinity");
    affinity.clear();
    affinity.sendKeys("0-999");
    browser.find("#save-settings").click();

    browser.awaitText("#cpuAffinity-error", "999", 10);
    assertThat(browser.text("#niceLevel-error")).isEmpty();
    assertThat(TestDatabase.count("SELECT count(*) FROM resource_settings WHERE cpu_affinity = ''"))
        .isEqualTo(1L);
  }

  @Test
  void shouldShowViewersNoWriteControlsAndRefuseTheirForgedWrites() {
    Users.create("watcher", "watcher-secret", "viewer");
    browser.logIn("watcher", "watcher-secret");
    assertThat(browser.text("#role")).isEqualTo("viewer");
    assertThat(browser.driver.findElements(By.cssSelector("[data-admin]"))).isEmpty();

    browser.open("/#/settings");
    browser.find("#settings-form");
    assertThat(browser.driver.findElements(By.id("save-settings"))).isEmpty();
    assertThat(browser.find("#cpuThreshold").isEnabled()).isFalse();
    browser.open("/#/jobs");
    browser.find("#jobs");
    assertThat(browser.driver.findElements(By.id("add-job"))).isEmpty();

    Object status =
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/settings/resources', {method: 'PUT', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/json'}, body: '{}'})"
                + ".then(r => done(r.status));");
    assertThat(status).isEqualTo(403L);
  }

  @Test
  void shouldCreateAKeyShowItOnceAndRevokeIt() throws Exception {
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
    browser.open("/#/keys");
    browser.find("#add-key").findElement(By.xpath("..")).click();
    browser.find("#key-name").sendKeys("ui/bad");
    browser.find("#add-key button[type=submit]").click();
    browser.awaitText("#name-error", "name must be 1 to 64 letters", 10);

    browser.find("#key-name").clear();
    browser.find("#key-name").sendKeys("ui-script");
    browser.find("#add-key button[type=submit]").click();
    browser
        .waiting(10)
        .until(d -> browser.find("#new-key").getAttribute("value").startsWith("opz_"));
    String key = browser.find("#new-key").getAttribute("value");
    assertThat(browser.text("#name-error")).isEmpty();
    long id = TestDatabase.count("SELECT id FROM api_key WHERE name = 'ui-script'");
    browser.awaitText("#key-" + id, key.substring(0, 8) + "…", 10);
    assertThat(browser.text("#key-" + id)).doesNotContain(key.substring(8));
    assertThat(browser.text("#arr-url")).endsWith("/api/integrations/arr?apikey=KEY");
    assertThat(browser.text("#path-mappings")).contains("/arr/movies → ");
    browser.screenshot("api-keys");
    given().header("X-Api-Key", key).get("/api/jobs").then().statusCode(200);

    browser.find("#key-" + id + " button").click();
    browser.awaitText("main .message", "Revoked ui-script.", 10);
    given().header("X-Api-Key", key).get("/api/jobs").then().statusCode(401);
  }

  @Test
  void shouldFollowARealEncodeThroughTheGovernorsPauseAndBack() throws Exception {
    TestDatabase.execute("UPDATE resource_settings SET enable_throttling = TRUE");
    Path input = Clips.clip(TestDatabase.MEDIA.resolve("ui"), "clip-20s.mkv", 20);
    int profileId = Profiles.named("slow x265").create();
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
    browser.open("/#/jobs");
    browser.find("#add-job").findElement(By.xpath("..")).click();
    new Select(browser.find("#new-profile")).selectByVisibleText("slow x265");
    browser.find("#new-input").sendKeys(input.toString());
    browser.find("#new-output").sendKeys(input.resolveSibling("ui-out.mkv").toString());
    browser.find("#add-job button[type=submit]").click();
    browser.awaitText("#add-job .message", "queued", 10);
    long id =
        TestDatabase.count("SELECT max(id) FROM encoding_job WHERE profile_id = " + profileId);
    String row = "#job-" + id;

    browser.awaitText(row + " .state", "Processing", 20);
    int first = progressOf(row);
    browser.waiting(30).until(d -> progressOf(row) > first);
    browser.screenshot("jobs");

    ScriptedMonitor.set(10, 99);
    browser.awaitText(row + " .state", "Paused", 15);
    browser.awaitText(row + " .reason", "memory", 5);
    assertThat(browser.text(row + " .reason")).contains("(other processes)");

    ScriptedMonitor.set(10, 30);
    browser.awaitText(row + " .state", "Processing", 20);
    int resumedAt = progressOf(row);
    browser.waiting(30).until(d -> progressOf(row) > resumedAt);

    browser.click(row + " a");
    browser.awaitText("#timeline", "THROTTLED", 10);
    assertThat(browser.text("#timeline")).contains("STARTED", "paused: memory", "RESUMED");
    assertThat(browser.text("#job-state")).isEqualTo("Processing");
  }

  @Test
  void shouldShowTheStreamPlanOnTheJobPage() throws Exception {
    Path rich = Clips.rich(TestDatabase.MEDIA.resolve("ui"));
    // The seeded H.264/MP4 profile: the font cannot go into MP4, so the plan is refused.
    int id = JobsFixture.job(rich.toString(), "ui-plan.mp4", 2);
    JobsFixture.until(id, "FAILED", Duration.ofSeconds(30));
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);

    browser.open("/#/jobs/" + id);
    browser.awaitText("#stream-plan", "Dropped", 10);

    assertThat(browser.text("#stream-plan"))
        .contains(
            "aac · fre · Commentary",
            "Converted → mov_text",
            "font attachment: MP4 holds no attachments");
    assertThat(browser.text("#plan-refusal")).contains("#4 attachment ttf", "allowStreamDrops");
    assertThat(browser.text("#timeline")).contains("PLANNED");
    browser.screenshot("stream-plan");
  }

  @Test
  void shouldShowASegmentedEncodesChunksAndWhereTheyRan() throws Exception {
    Path film = Clips.keyframed(TestDatabase.MEDIA.resolve("ui"), 32);
    int profile =
        Profiles.named("ui chunks")
            .video("libx264", 30, "ultrafast")
            .with(Map.of("segmentSeconds", 10, "segmentAboveSeconds", 0))
            .create();
    int id = JobsFixture.job(film.toString(), "ui-chunks.mkv", profile);
    JobsFixture.until(id, "COMPLETED", Duration.ofSeconds(120));
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);

    browser.open("/#/jobs/" + id);
    browser.awaitText("#chunk-count", "3 of 3 chunks finished", 10);

    assertThat(browser.find("#chunks").findElements(By.cssSelector("tbody tr"))).hasSize(3);
    assertThat(browser.text("#chunks")).contains("275", "250", "11s", "21s");
    assertThat(browser.text("#timeline")).contains("SEGMENTED", "3 chunks of about 10 s");
    browser.screenshot("chunks");
  }

  @Test
  void shouldShowWhichNodeEncodesEachChunkOfASharedEncode() {
    // A film shared between two other nodes, paused by hand there, so that no node takes its
    // chunks while the page shows them: one finished on node-a, one being encoded on node-b, one
    // waiting for a node.
    TestDatabase.execute(
        "INSERT INTO encoding_job (input_path, output_path, profile_id, status, node, claim_token,"
            + " manual_pause, segment_count) VALUES ('/in/shared.mkv', '/out/shared.mkv', 1,"
            + " 'PAUSED', 'node-a', 901, TRUE, 3)");
    long id =
        TestDatabase.count("SELECT max(id) FROM encoding_job WHERE input_path = '/in/shared.mkv'");
    try {
      TestDatabase.execute(
          "INSERT INTO job_chunk (job_id, chunk_index, start_seconds, first_frame, frames, bytes,"
              + " node, encode_seconds) VALUES ("
              + id
              + ", 0, 0, 0, 1440, 52428800, 'node-a', 61.5)");
      TestDatabase.execute(
          "INSERT INTO chunk_task (job_id, chunk_index, job_claim, start_seconds, first_frame,"
              + " frames, arguments_sha256, node, token) VALUES ("
              + id
              + ", 1, 901, 60.06, 1440, 1440, 'sha', 'node-b', 5), ("
              + id
              + ", 2, 901, 120.12, 2880, 1200, 'sha', NULL, NULL)");
      browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);

      browser.open("/#/jobs/" + id);
      browser.awaitText("#chunk-count", "1 of 3 chunks finished", 10);

      List<WebElement> rows = browser.find("#chunks").findElements(By.cssSelector("tbody tr"));
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0).getText()).contains("finished", "node-a", "50.0 MiB", "1m");
      assertThat(rows.get(1).getText()).contains("encoding", "node-b", "1440");
      assertThat(rows.get(2).getText()).contains("waiting for a node", "1200");
    } finally {
      TestDatabase.execute("DELETE FROM encoding_job WHERE id = " + id);
    }
  }

  @Test
  void shouldAddAProfileWithStreamRulesAndShowAWrongLanguageBesideItsField() {
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
    browser.open("/#/profiles");
    browser.find("#add-profile").findElement(By.xpath("..")).click();
    browser.find("#profile-name").sendKeys("English only");
    browser.find("#profile-audioLanguages").sendKeys("eng, klingon");
    browser.find("#add-profile button[type=submit]").click();
    browser.awaitText("#audioLanguages-error", "'klingon' is not an ISO 639-2 language code", 10);

    browser.find("#profile-audioLanguages").clear();
    browser.find("#profile-audioLanguages").sendKeys("eng, fre");
    browser.find("#profile-allowStreamDrops").click();
    browser.find("#profile-segmentSeconds").clear();
    browser.find("#profile-segmentSeconds").sendKeys("120");
    browser.find("#add-profile button[type=submit]").click();
    browser.awaitText("p.message", "Added English only", 10);

    var saved = Users.asAdmin().get("/api/profiles").then().extract().jsonPath();
    assertThat(saved.getList("find { it.name == 'English only' }.audioLanguages", String.class))
        .containsExactly("eng", "fre");
    assertThat(saved.getBoolean("find { it.name == 'English only' }.allowStreamDrops")).isTrue();
    assertThat(saved.getBoolean("find { it.name == 'English only' }.segmented")).isTrue();
    assertThat(saved.getInt("find { it.name == 'English only' }.segmentSeconds")).isEqualTo(120);
    assertThat(saved.getInt("find { it.name == 'English only' }.segmentAboveSeconds"))
        .isEqualTo(600);
  }

  @Test
  void shouldAddAVaapiProfileOnItsDeviceAndSayWhyItsJobWaits() throws Exception {
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
    browser.open("/#/profiles");
    browser.find("#add-profile").findElement(By.xpath("..")).click();
    assertThat(browser.find("#profile-device").isDisplayed()).as("no device for libx264").isFalse();
    browser.find("#profile-name").sendKeys("HEVC on the iGPU");
    new Select(browser.find("#profile-videoCodec")).selectByVisibleText("hevc_vaapi");
    assertThat(browser.find("#profile-device").isDisplayed()).isTrue();
    assertThat(browser.find("#profile-preset").getAttribute("value"))
        .as("VAAPI has no presets")
        .isEmpty();
    browser.find("#profile-device").sendKeys("/dev/dri/renderD129");
    browser.find("#add-profile button[type=submit]").click();
    browser.awaitText("p.message", "Added HEVC on the iGPU", 10);

    var saved = Users.asAdmin().get("/api/profiles").then().extract().jsonPath();
    int profile = saved.getInt("find { it.name == 'HEVC on the iGPU' }.id");
    assertThat(saved.getString("find { it.name == 'HEVC on the iGPU' }.device"))
        .isEqualTo("/dev/dri/renderD129");
    Path input = Clips.clip(TestDatabase.MEDIA.resolve("ui"), "clip-2s.mkv", 2);
    int job =
        Users.createdId(
            "/api/jobs",
            Map.of(
                "inputPath",
                input.toString(),
                "outputPath",
                input.resolveSibling("igpu.mkv").toString(),
                "profileId",
                profile,
                "overwrite",
                true));
    browser.open("/#/jobs");
    browser.awaitText("#job-" + job, "no node can encode hevc_vaapi on /dev/dri/renderD129", 15);
  }

  @Test
  void shouldFitAPhoneScreenOnEveryPage() throws Exception {
    try (var phone = new Browser(base.toString(), 390, 844)) {
      phone.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
      for (String page :
          List.of("#/dashboard", "#/jobs", "#/settings", "#/profiles", "#/users", "#/keys")) {
        phone.open("/" + page);
        phone.find("main h1");
        Object overflow =
            phone.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat((Long) overflow).as(page + " scrolls sideways by").isLessThanOrEqualTo(0L);
      }
    }
  }

  private int progressOf(String row) {
    return Integer.parseInt(browser.attribute(row + " [role=progressbar]", "aria-valuenow"));
  }

  @Test
  void shouldSayReconnectingWhileTheStreamIsDownAndRecover() throws Exception {
    try (var proxy = new CutProxy(base.getPort());
        var viaProxy = new Browser("http://127.0.0.1:" + proxy.port(), 1024, 768)) {
      viaProxy.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
      viaProxy.awaitText("#live", "live", 15);

      proxy.cut();
      viaProxy.awaitText("#live", "reconnecting", 15);
      await()
          .during(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(6))
          .until(() -> viaProxy.text("#live").equals("reconnecting"));

      proxy.restore();
      viaProxy.awaitText("#live", "live", 20);
    }
  }
}
