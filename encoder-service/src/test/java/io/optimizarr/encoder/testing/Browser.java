package io.optimizarr.encoder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its chromedriver, both named by path so that nothing is
 * downloaded; a fresh profile per browser. Missing either fails the test: CI installs them.
 */
public final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  public final ChromeDriver driver;
  private final String base;
  private final Path profile;

  public Browser(String base, int width, int height) throws IOException {
    for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(
            p + " is missing: apt-get install chromium chromium-driver");
      }
    }
    this.base = base.replaceAll("/$", "");
    this.profile = Files.createTempDirectory("optimizarr-chromium");
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    var service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
  }

  public void open(String path) {
    driver.get(base + path);
  }

  /** A wait that looks again when the page replaced an element under it (live rows do). */
  public WebDriverWait waiting(int seconds) {
    var wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** An element's text, read in one step in the page, so a live update cannot get in between. */
  public String text(String css) {
    return readInPage("return e ? e.innerText : null;", css);
  }

  /** An attribute, read in one step in the page. */
  public String attribute(String css, String name) {
    return readInPage("return e ? e.getAttribute(arguments[1]) : null;", css, name);
  }

  /**
   * Runs {@code script} in the page with {@code e} the element {@code arguments[0]} selects, until
   * it returns a value.
   */
  private String readInPage(String script, Object... arguments) {
    return waiting(15)
        .until(
            d ->
                (String)
                    driver.executeScript(
                        "const e = document.querySelector(arguments[0]); " + script, arguments));
  }

  /** Clicks an element, finding it again if a live update replaced it. */
  public void click(String css) {
    waiting(15)
        .until(
            d -> {
              d.findElement(By.cssSelector(css)).click();
              return true;
            });
  }

  /** Waits up to 15 s for an element to be there. */
  public WebElement find(String css) {
    return waiting(15).until(d -> d.findElement(By.cssSelector(css)));
  }

  /** Waits up to {@code seconds} for an element's text to contain {@code text}. */
  public void awaitText(String css, String text, int seconds) {
    waiting(seconds)
        .withMessage(() -> css + " never read \"" + text + "\"")
        .until(
            d ->
                d.findElements(By.cssSelector(css)).stream()
                    .anyMatch(e -> e.getText().contains(text)));
  }

  public void logIn(String user, String password) {
    open("/login.html");
    find("#username").sendKeys(user);
    find("#password").sendKeys(password);
    find("#login-button").click();
    awaitText("#user", user, 15);
  }

  /** Saves a PNG of the window under the repository's docs folder. */
  public Path screenshot(String name) throws IOException {
    Path docs = Path.of("..", "docs");
    Files.createDirectories(docs);
    Path file = docs.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    MediaFiles.deleteTree(profile);
  }
}
