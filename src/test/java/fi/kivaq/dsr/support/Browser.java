package fi.kivaq.dsr.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless browser: Debian's {@code chromium} driven through its {@code chromedriver} (packages
 * {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them). Nothing is downloaded.
 *
 * <p>Where the packages are missing the browser tests are skipped, unless {@code DSR_REQUIRE_BROWSER=true} (set by
 * {@code .ci/run}), where a missing browser fails them. One browser per test JVM, started on first use; each test
 * starts from a clean slate with {@link #fresh()}. Screenshots go to {@code target/screenshots/}.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("DSR_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("DSR_CHROMEDRIVER", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** A phone's width, for the responsive checks. */
    public static final Dimension PHONE = new Dimension(390, 844);
    public static final Dimension DESKTOP = new Dimension(1280, 900);

    private static WebDriver driver;

    private final String baseUrl;

    private Browser(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The JVM's browser, on {@code http://localhost:port}, with no cookies and a desktop window. */
    public static Browser on(int port) {
        Browser browser = new Browser("http://localhost:" + port);
        browser.fresh();
        return browser;
    }

    private static synchronized WebDriver shared() {
        if (driver == null) {
            boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
            if (!installed && !"true".equals(System.getenv("DSR_REQUIRE_BROWSER"))) {
                Assumptions.abort("no " + CHROMIUM + " / " + CHROMEDRIVER
                        + ": apt-get install chromium chromium-driver to run the browser tests");
            }
            assertThat(installed).as("%s and %s are installed (DSR_REQUIRE_BROWSER=true)", CHROMIUM, CHROMEDRIVER)
                    .isTrue();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,900", "--lang=fi-FI");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            WebDriver started = driver;
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
        }
        return driver;
    }

    /** Forgets every cookie (a new visitor) and returns to the desktop size. */
    public Browser fresh() {
        WebDriver driver = shared();
        driver.manage().window().setSize(DESKTOP);
        driver.get(baseUrl + "/favicon.ico");
        driver.manage().deleteAllCookies();
        return this;
    }

    public WebDriver driver() {
        return shared();
    }

    public String url(String path) {
        return path.startsWith("http") ? path : baseUrl + path;
    }

    public Browser open(String path) {
        driver().get(url(path));
        return this;
    }

    /** Sets a cookie for this site (e.g. a language choice) before the next page load. */
    public Browser cookie(String name, String value) {
        driver().manage().addCookie(new Cookie(name, value));
        return this;
    }

    public Browser size(Dimension size) {
        driver().manage().window().setSize(size);
        return this;
    }

    /** Logs in through the staff login form, as a person types it. */
    public Browser login(String user, String password) {
        open("/login");
        find(By.name("username")).sendKeys(user);
        find(By.name("password")).sendKeys(password);
        find(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
        waitFor(driver -> !driver.getCurrentUrl().contains("/login"));
        return this;
    }

    public WebElement find(By by) {
        return find(by, Duration.ofSeconds(30));
    }

    /** For a page that takes long to start, such as Camunda's webapps on their first load by a busy server. */
    public WebElement find(By by, Duration patience) {
        return new WebDriverWait(driver(), patience).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Clicks an element after scrolling it to the middle of the window, clear of fixed headers and footers. */
    public void click(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) driver()).executeScript(
                "arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /**
     * Clicks something that loads a new page (a form's submit button, a link) and waits until the new page has
     * replaced the old one, so that what the test reads next is the new page and not the one it left.
     */
    public Browser clickToLoad(WebElement element) {
        // The old page is marked and the wait is for a complete document without the mark. (Waiting for the old
        // <html> element to go stale is racy: while the new document replaces it, Chromium may answer "Node with
        // given id does not belong to the document", an error that is not a StaleElementReferenceException.)
        JavascriptExecutor script = (JavascriptExecutor) driver();
        script.executeScript("window.__dsrOldPage = true;");
        element.click();
        new WebDriverWait(driver(), Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(driver -> Boolean.TRUE.equals(script.executeScript(
                        "return window.__dsrOldPage !== true && document.readyState === 'complete';")));
        find(By.tagName("body"));
        return this;
    }

    public List<WebElement> all(By by) {
        return driver().findElements(by);
    }

    /** Waits for a condition (up to 30 s), for pages that render with JavaScript such as Tasklist. */
    public <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), Duration.ofSeconds(30)).until(condition::apply);
    }

    /** The visible text of the page's body. */
    public String text() {
        return find(By.tagName("body")).getText();
    }

    public String title() {
        return driver().getTitle();
    }

    public String currentUrl() {
        return driver().getCurrentUrl();
    }

    /** Saves a PNG of the viewport to {@code target/screenshots/name.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot and the page's HTML under {@code target/screenshots/}, for a test that failed. */
    public void saveForDiagnosis(String name) {
        try {
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver().getPageSource());
        } catch (RuntimeException | IOException e) {
            // diagnosis only: the test's own failure is what matters
        }
    }

    /** Whether the page is wider than its window (a table overflowing on a phone). */
    public boolean overflowsHorizontally() {
        Object result = ((org.openqa.selenium.JavascriptExecutor) driver()).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth + 1;");
        return Boolean.TRUE.equals(result);
    }
}
