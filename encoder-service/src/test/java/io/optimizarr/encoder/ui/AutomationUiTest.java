package io.optimizarr.encoder.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.MovableClock;
import io.optimizarr.encoder.testing.ServiceFakes;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.optimizarr.encoder.testing.WebhookReceiver;
import io.optimizarr.encoder.testing.WithMovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * The schedule, alerts and library pages in headless Chromium, against the encoder on a clock the
 * test sets (Saturday noon in Europe/Berlin) and a real webhook receiver and media folder.
 */
@QuarkusTest
@TestProfile(WithMovableClock.class)
class AutomationUiTest extends BrowserTest {

  AutomationUiTest() {
    super(1280, 1400);
  }

  @BeforeEach
  void start() {
    MovableClock.set(
        ZonedDateTime.of(LocalDateTime.parse("2026-11-28T12:00:00"), MovableClock.ZONE)
            .toInstant());
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
  }

  @AfterEach
  void stop() {
    TestDatabase.clean();
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
  }

  @Test
  void shouldSaveAWindowAndRunNowOnRequest() throws Exception {
    browser.open("/#/settings");
    browser.awaitText("#schedule-state", "Encoding allowed now", 15);
    browser.click("#add-window");
    browser.click("#save-schedule");

    browser.awaitText("#schedule-message", "Schedule saved.", 10);
    browser.awaitText("#schedule-state", "next opens Mon 22:00", 10);
    assertThat(browser.text("#schedule-state")).contains("Europe/Berlin");
    browser.open("/#/dashboard");
    browser.awaitText("#throttle", "Outside the encoding windows", 10);

    browser.open("/#/settings");
    browser.click("#run-now");
    browser.awaitText("#schedule-state", "running now until", 10);
    browser.screenshot("schedule");

    // A window with no day is refused, and the message says which field.
    browser.click("#windows fieldset.window input[value=MON]");
    for (String day : new String[] {"TUE", "WED", "THU", "FRI"}) {
      browser.click("#windows fieldset.window input[value=" + day + "]");
    }
    browser.click("#save-schedule");
    browser.awaitText("[id='windows[0].days-error']", "at least one day", 10);
  }

  @Test
  void shouldAddAWebhookSendATestAndShowItArrived() throws Exception {
    try (var receiver = new WebhookReceiver()) {
      browser.open("/#/alerts");
      browser.click("#add-webhook summary, details summary");
      browser.find("#webhook-name").sendKeys("Home Assistant");
      browser.find("#webhook-url").sendKeys(receiver.url());
      browser.find("#webhook-secret").sendKeys("shared-secret");
      browser.click("#add-webhook button[type=submit]");
      browser.awaitText("#webhooks-message", "Added Home Assistant.", 10);

      browser.click("#webhooks .send-test");
      browser.awaitText("#webhooks .deliveries", "Delivered", 15);
      assertThat(receiver.received("test")).hasSize(1);
      assertThat(receiver.received("test").get(0).header("X-Optimizarr-Signature"))
          .startsWith("sha256=");
      browser.screenshot("alerts");
    }
  }

  @Test
  void shouldAddAPlexServerTestItAndChooseTheFolderItRescans() throws Exception {
    Path folder = TestDatabase.MEDIA.resolve("ui-plex-library");
    Files.createDirectories(folder);
    int library =
        Users.createdId(
            "/api/library",
            java.util.Map.of(
                "path", folder.toString(), "profileId", 1, "extensions", java.util.List.of("avi")));
    try (var plex = new ServiceFakes()) {
      browser.open("/#/alerts");
      browser.click("details summary");
      browser.find("#webhook-name").sendKeys("Living-room Plex");
      new Select(browser.find("#webhook-kind")).selectByValue("plex");
      assertThat(browser.attribute("#webhook-url", "placeholder")).isEqualTo("http://plex:32400");
      assertThat(browser.text("#webhook-secret-hint")).isEqualTo("the X-Plex-Token");
      assertThat(browser.find("#events-error").isDisplayed()).as("no events to choose").isFalse();
      browser.find("#webhook-url").sendKeys(plex.url());
      browser.find("#webhook-secret").sendKeys(ServiceFakes.PLEX_TOKEN);
      browser.click("#add-webhook button[type=submit]");
      browser.awaitText("#webhooks-message", "choose the library folders it rescans", 10);

      browser.click("#webhooks .send-test");
      browser.awaitText("#webhooks .deliveries", "Delivered", 15);
      browser.click("#webhooks .rescan-folder");
      var there = browser.find("#webhooks .server-path");
      there.clear();
      there.sendKeys("/data/movies");
      browser.click("#webhooks .save-folders");
      browser.awaitText("#webhooks-message", "Living-room Plex rescans 1 folder.", 10);
      int id = Users.asAdmin().get("/api/webhooks").then().extract().path("[0].id");
      Users.asAdmin()
          .get("/api/webhooks/" + id + "/folders")
          .then()
          .body("[0].libraryId", org.hamcrest.Matchers.equalTo(library))
          .body("[0].serverPath", org.hamcrest.Matchers.equalTo("/data/movies"));
      assertThat(plex.received("/library/sections")).hasSize(1);
      browser.screenshot("media-server");
    }
  }

  @Test
  void shouldAddAFolderAndShowWhatItsScanQueued() throws Exception {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    Path folder = TestDatabase.MEDIA.resolve("ui-library");
    MediaFiles.deleteTree(folder);
    Files.createDirectories(folder.resolve("Season 1"));
    Path clip = Clips.clip(TestDatabase.MEDIA.resolve("library-clips"), "clip-2s.mkv", 2);
    Files.copy(clip, folder.resolve("Season 1/e01.mkv"));
    Files.copy(clip, folder.resolve("Season 1/e02.mkv"));
    MediaFiles.ageTree(folder);

    browser.open("/#/library");
    browser.find("#library-path").sendKeys(folder.toString());
    browser.click("#add-folder button[type=submit]");

    browser.awaitText("#library", "Scanned", 30);
    assertThat(browser.text("#library")).contains("2 seen, 2 queued, 0 skipped");
    assertThat(browser.text("#library")).contains("watched; scanned again every 60 min");
    await().atMost(Duration.ofSeconds(5)).until(() -> browser.text("#library").contains("mkv"));
    browser.screenshot("library");

    // Edit: the same form, the path fixed; the table shows the change.
    browser.click("#library .edit-folder");
    assertThat(browser.find("#library-path").getAttribute("readonly")).isNotNull();
    assertThat(browser.text("#folder-submit")).isEqualTo("Save changes");
    var rescan = browser.find("#library-rescanMinutes");
    rescan.clear();
    rescan.sendKeys("0");
    browser.click("#folder-submit");
    browser.awaitText("#library-message", "the next scan uses it", 10);
    browser.awaitText("#library", "watched; scanned again on changes only", 10);
    assertThat(browser.text("#folder-submit")).isEqualTo("Add and scan");
  }
}
