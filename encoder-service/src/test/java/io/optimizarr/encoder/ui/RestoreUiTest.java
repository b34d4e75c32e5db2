package io.optimizarr.encoder.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.job.JobsFixture;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A replace-mode job's page in headless Chromium after a real encode: where the original is kept
 * and until when, the admin's Restore original button putting it back, and no button for a viewer.
 */
@QuarkusTest
class RestoreUiTest extends BrowserTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("restore-ui");

  private Path input;
  private String original;
  private int job;

  RestoreUiTest() {
    super(1280, 1000);
  }

  @BeforeEach
  void replaced() throws Exception {
    JobsFixture.cleanForEncodes(MEDIA);
    MediaFiles.deleteTree(TestDatabase.MEDIA.resolve(".optimizarr-recycle/restore-ui"));
    input = Files.copy(Clips.clip(MEDIA, "clip-2s.mkv", 2), MEDIA.resolve("ui.mkv"));
    original = MediaFiles.sha256(input);
    int profile =
        Profiles.named("replace, restored from the UI")
            .video("libx264", 35, "veryfast")
            .with("outputMode", "replace")
            .create();
    job = JobsFixture.job(Map.of("inputPath", input.toString(), "profileId", profile));
    JobsFixture.until(job, "COMPLETED", Duration.ofSeconds(120));
  }

  @Test
  void shouldRestoreTheOriginalFromTheJobPage() throws Exception {
    browser.logIn(Users.ADMIN, Users.ADMIN_PASSWORD);
    browser.open("/#/jobs/" + job);
    browser.awaitText("#job-original", "restorable until", 15);
    assertThat(browser.text("#job-replace")).isEqualTo("replaces the input");

    browser.click(".restore-job");
    browser.waiting(5).until(ExpectedConditions.alertIsPresent()).accept();

    browser.awaitText("#job-original", "restored", 15);
    assertThat(browser.driver.findElements(By.cssSelector(".restore-job"))).isEmpty();
    assertThat(MediaFiles.sha256(input)).isEqualTo(original);
  }

  @Test
  void shouldShowAViewerNoRestoreButton() {
    Users.create("restore-viewer", "viewer-secret", "viewer");
    browser.logIn("restore-viewer", "viewer-secret");
    browser.open("/#/jobs/" + job);
    browser.awaitText("#job-original", "restorable until", 15);

    assertThat(browser.driver.findElements(By.cssSelector(".restore-job"))).isEmpty();
  }
}
