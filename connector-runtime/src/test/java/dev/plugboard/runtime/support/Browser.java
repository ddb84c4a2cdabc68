package dev.plugboard.runtime.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through chromedriver, kept on loopback (STACK.md: without these
 * flags Chromium looks up Google's hosts at start). Screenshots go to {@code
 * target/screenshots/<test>/}.
 *
 * <p>When Chromium or chromedriver is missing, browser tests are skipped with a message, so that
 * {@code mvn verify} works on a machine without a browser; CI installs both and sets {@code
 * plugboard.it.browser.required=true}, which turns a missing browser into a failure.
 */
public final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path userDataDir;
  private final Path screenshots;
  private final WebDriverWait wait;
  private int step;

  private Browser(ChromeDriver driver, Path userDataDir, Path screenshots) {
    this.driver = driver;
    this.userDataDir = userDataDir;
    this.screenshots = screenshots;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  /**
   * Starts a fresh browser (new profile, so no session storage is shared between tests).
   *
   * @param testName folder name for this test's screenshots
   * @param width window width in CSS pixels
   * @return the browser
   */
  public static Browser start(String testName, int width) {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      String message =
          "Chromium or chromedriver is missing (apt-get install chromium chromium-driver)";
      if (Boolean.getBoolean("plugboard.it.browser.required")) {
        throw new IllegalStateException(message);
      }
      Assumptions.abort(message + ": browser test skipped");
    }
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      Path profile = Files.createTempDirectory(tmp, "chromium-profile-");
      Path shots = Path.of("target", "screenshots", testName);
      Files.createDirectories(shots);
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-quic",
          "--no-first-run",
          "--disable-features=NetworkTimeServiceQuerying",
          "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
          "--window-size=" + width + ",1000",
          "--user-data-dir=" + profile);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      return new Browser(new ChromeDriver(service, options), profile, shots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Waits until the element with this {@code data-testid} is visible. */
  public WebElement find(String testId) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(byTestId(testId)));
  }

  public Optional<WebElement> maybe(String testId) {
    List<WebElement> found = driver.findElements(byTestId(testId));
    return found.stream().filter(WebElement::isDisplayed).findFirst();
  }

  public WebElement field(String key) {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-field='" + key + "']")));
  }

  public void click(String testId) {
    wait.until(ExpectedConditions.elementToBeClickable(byTestId(testId))).click();
  }

  public void type(WebElement input, String text) {
    input.clear();
    input.sendKeys(text);
  }

  /** Waits until the element with this {@code data-testid} shows the text. */
  public void waitForText(String testId, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(byTestId(testId), text));
  }

  /** Waits until the visible text of the page contains the text. */
  public void waitForPageText(String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
  }

  /** Waits until exactly this many visible elements have the {@code data-testid}. */
  public void waitForCount(String testId, int count) {
    wait.until(
        d ->
            d.findElements(byTestId(testId)).stream().filter(WebElement::isDisplayed).count()
                == count);
  }

  public void waitUntilUrlContains(String part) {
    wait.until(ExpectedConditions.urlContains(part));
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves a numbered screenshot of the whole window. */
  public Path screenshot(String name) {
    Path target = screenshots.resolve(String.format("%02d-%s.png", ++step, name));
    File file = driver.getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  public static By byTestId(String testId) {
    return By.cssSelector("[data-testid='" + testId + "']");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var paths = Files.walk(userDataDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover profile under target/ is harmless
      }
    }
  }
}
