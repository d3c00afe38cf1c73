package ferry.it.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * scripts/test-prereqs.sh installs) driven by Selenium, one per test class:
 *
 * <pre>{@code @RegisterExtension static final Browser BROWSER = new Browser();}</pre>
 *
 * The window is 1280x900, the server's self-signed certificate is accepted (so tests run on HTTPS
 * and {@code Secure} cookies work), downloads land in {@link #downloads()}. {@link #screenshot}
 * writes {@code target/screenshots/<name>-desktop.png} and {@code -phone.png} (390x844); a failing
 * test leaves {@code <class>.<test>-failed-desktop.png}. {@link #isolated()} opens a second browser
 * with its own cookies and storage (another person). Chromium missing fails the test: it is never skipped.
 */
public final class Browser implements TestWatcher, AfterAllCallback {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target/screenshots");
  static final Dimension DESKTOP = new Dimension(1280, 900);
  static final Dimension PHONE = new Dimension(390, 844);

  static final String CSP_RECORDER = "window.__cspViolations = [];"
      + "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
      + "e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));";

  private final List<Window> opened = new ArrayList<>();
  private Window main;

  /** The class's browser, started at first use. */
  public Window window() {
    if (main == null) main = open();
    return main;
  }

  /** A second, isolated browser (own profile: cookies, local storage, downloads); closed with the class. */
  public Window isolated() {
    return open();
  }

  public ChromeDriver driver() {
    return window().driver();
  }

  private Window open() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER))
      throw new AssertionError("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
          + ": apt-get install -y chromium chromium-driver (./ferry test installs them when run as root)");
    try {
      Path downloads = Files.createTempDirectory("ferry-browser-downloads");
      ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
          "--disable-gpu", "--no-first-run", "--disable-search-engine-choice-screen", "--lang=en-US");
      options.setAcceptInsecureCerts(true);
      options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
          "download.prompt_for_download", false, "intl.accept_languages", "en-US,en"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
      // headless Chromium keeps downloads only where the DevTools protocol says so
      driver.executeCdpCommand("Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", true));
      // every page records the Content-Security-Policy violations it meets (an inline style or script)
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_RECORDER));
      Window w = new Window(driver, downloads);
      opened.add(w);
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Screenshots of the current page at desktop and phone width (see {@link Window#screenshot}). */
  public void screenshot(String name) {
    window().screenshot(name);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName() + "-failed";
    for (int i = 0; i < opened.size(); i++) {
      try {
        opened.get(i).screenshot(i == 0 ? name : name + "-" + (i + 1));
      } catch (RuntimeException e) {
        cause.addSuppressed(e); // a crashed browser: the test's own failure says more
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (Window w : opened) {
      try {
        w.driver().quit();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    opened.clear();
    main = null;
  }

  /** One Chromium: its driver, waits and helpers. */
  public record Window(ChromeDriver driver, Path downloads) {
    public WebDriverWait waiting(Duration timeout) {
      return new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    }

    public <T> T until(Function<WebDriver, T> condition) {
      return waiting(Duration.ofSeconds(30)).until(condition);
    }

    public void get(String url) {
      driver.get(url);
      until(d -> "complete".equals(js("return document.readyState")));
    }

    public WebElement find(String css) {
      return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public WebElement visible(String css) {
      return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
      return driver.findElements(By.cssSelector(css));
    }

    public boolean present(String css) {
      return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Types into a field after clearing it. */
    public void type(String css, String text) {
      WebElement e = visible(css);
      e.clear();
      e.sendKeys(text);
    }

    public void click(String css) {
      until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Waits until the page's path (without query) is {@code path}. */
    public void awaitPath(String path) {
      until(d -> path.equals(js("return location.pathname")));
    }

    /** Waits until htmx has no request in flight. */
    public void awaitHtmx() {
      until(d -> Boolean.TRUE.equals(js("return !document.querySelector('.htmx-request')")));
    }

    public String path() {
      return (String) js("return location.pathname");
    }

    public String text() {
      return driver.findElement(By.tagName("body")).getText();
    }

    public Object js(String script, Object... args) {
      return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A script that ends by calling its last argument (e.g. a fetch). */
    public Object asyncJs(String script, Object... args) {
      return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** What the Content-Security-Policy blocked on the current page so far. */
    @SuppressWarnings("unchecked")
    public List<String> cspViolations() {
      Object v = js("return window.__cspViolations || []");
      return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** The page's CSRF token ({@code <meta name="csrf-token">}). */
    public String csrf() {
      return find("meta[name=csrf-token]").getDomAttribute("content");
    }

    /** Writes {@code <name>-desktop.png} and {@code <name>-phone.png} under target/screenshots. */
    public void screenshot(String name) {
      try {
        Files.createDirectories(SCREENSHOTS);
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(DESKTOP);
        shoot(SCREENSHOTS.resolve(name + "-desktop.png"));
        driver.manage().window().setSize(PHONE);
        shoot(SCREENSHOTS.resolve(name + "-phone.png"));
        if (overflowsSideways()) System.out.println("screenshot " + name + ": wider than a phone (390 px) at " + js("return location.pathname"));
        driver.manage().window().setSize(before);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The whole page, not only the window (at most 8,000 px high), through the DevTools protocol. */
    private void shoot(Path file) throws IOException {
      // the layout settles after a resize (one animation frame) before the picture is taken
      asyncJs("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
      Number width = (Number) js("return document.documentElement.clientWidth");
      Number height = (Number) js("return Math.min(8000, document.documentElement.scrollHeight)");
      Object shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
          "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
      Files.write(file, java.util.Base64.getDecoder().decode((String) ((Map<?, ?>) shot).get("data")));
    }

    /** Whether the current page is wider than the window (a phone would scroll sideways). */
    public boolean overflowsSideways() {
      return Boolean.TRUE.equals(js("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"));
    }
  }
}
