package io.verrou;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium, driven by Debian's chromedriver (nothing is downloaded), with a fresh profile.
 */
public final class Chromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    public Chromium(String language) {
        try {
            profile = Files.createTempDirectory("verrou-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1200,900", "--lang=" + language, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The input a visible label names, as a person finds it. */
    public WebElement field(String label) {
        WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    /** The button showing {@code text}. */
    public WebElement button(String text) {
        return driver.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** The page's main content as one line of text. */
    public String main() {
        return driver.findElement(By.tagName("main")).getText().replace('\n', ' ');
    }

    public void awaitHeading(String text) {
        await().until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    /** The identifier-first sign-in, by its labels: Email, Next, Password, Sign in. */
    public void signIn(String baseUrl, String email, String password) {
        open(baseUrl + "/signin");
        field("Email").sendKeys(email);
        button("Next").click();
        awaitHeading("Enter password");
        field("Password").sendKeys(password);
        button("Sign in").click();
    }

    /**
     * The image {@code css} finds, once it has loaded and been decoded: its text around it may be shown before its
     * pixels are, and a screenshot taken then is blank.
     */
    public WebElement loadedImage(String css) {
        return await().until(d -> {
            WebElement image = d.findElement(By.cssSelector(css));
            Object loaded = driver.executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0 && arguments[0].naturalHeight > 0", image);
            return Boolean.TRUE.equals(loaded) ? image : null;
        });
    }

    public void awaitText(String text) {
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), text));
    }

    /**
     * A wait that looks again when the page changed under it: while a new page loads, the element just found
     * may already be gone ("stale", or a node that "does not belong to the document").
     */
    private WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
        return wait;
    }

    /** The text of the QR code in {@code image}, read from its pixels as a phone's camera would. */
    public static String qrText(WebElement image) throws IOException, NotFoundException {
        BufferedImage pixels = ImageIO.read(new ByteArrayInputStream(image.getScreenshotAs(OutputType.BYTES)));
        return new MultiFormatReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(pixels))))
                .getText();
    }

    /** The code a standard authenticator app shows at {@code now} for a Base32 secret (oathtool's). */
    public static String oathtool(String base32Secret, Instant now) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("oathtool", "--totp", "--base32", "--now=@" + now.getEpochSecond(),
                base32Secret).redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).matches("\\d{6}");
        return out;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary profile left behind is harmless.
            }
        }
    }
}
