package io.optimizarr.encoder.ui;

import io.optimizarr.encoder.testing.Browser;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test of the web UI: each test on a clean database, in a fresh browser window of one size. */
abstract class BrowserTest {

  @TestHTTPResource("/")
  URL base;

  Browser browser;

  private final int width;
  private final int height;

  BrowserTest(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @BeforeEach
  void openBrowser() throws Exception {
    TestDatabase.clean();
    browser = new Browser(base.toString(), width, height);
  }

  @AfterEach
  void closeBrowser() throws Exception {
    browser.close();
  }
}
