package org.ringfs.e2e.webdav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.webdav.auth.UsersFile;
import org.ringfs.webdav.lock.InMemoryLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The drive in a real browser: Debian's headless Chromium, driven by Selenium through Debian's
 * chromium-driver, against a front over a real cluster (five data server processes). It logs in
 * (Basic credentials in the first URL; Chromium keeps them for the origin), lists a folder, uploads a
 * 50 MiB file through the page's form, downloads it through the page's link (sha256 equal), renames
 * and deletes it through the confirmation pages, and opens the cluster status page. Screenshots of
 * the drive page (wide and phone-sized) and of the status page go to target/screenshots/.
 * Skipped, saying why, only where /usr/bin/chromium or /usr/bin/chromedriver is missing
 * (e2e/setup.sh installs both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RealBrowserTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final String USER = "alice";
    static final String PASSWORD = "browser test password";
    static final int SIZE = 50 * 1024 * 1024;
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    MiniRingFsCluster cluster;
    RingFsClient fs;
    WebDavFront front;
    ChromeDriver browser;
    Path work;
    Path downloads;
    String base;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no real browser here: /usr/bin/chromium or /usr/bin/chromedriver is missing"
                        + " (apt-get install chromium chromium-driver; e2e/setup.sh does)");
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(1024 * 1024).processes(true).build();
        Path users = cluster.root().resolve("webdav.users");
        fs = cluster.client();
        UsersFile.put(users, USER, PASSWORD.toCharArray());
        front = WebDavFront.start(fs, new InMemoryLockStore(), new FrontSettings(
                new InetSocketAddress("127.0.0.1", 0), users, false, true, null, null));
        base = front.url().substring(0, front.url().length() - 1);
        work = Files.createTempDirectory("ringfs-browser");
        downloads = Files.createDirectories(work.resolve("downloads"));
        Files.createDirectories(SCREENSHOTS);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,900", "--user-data-dir=" + work.resolve("profile"));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3));
        // Downloads in headless Chromium go where the DevTools protocol says.
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", true));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) browser.quit();
        } finally {
            if (front != null) front.close();
            if (cluster != null) cluster.close();
            if (work != null) deleteTree(work);
        }
    }

    @Test
    void logInListUploadDownloadRenameDeleteAndSeeTheStatus() throws Exception {
        // Log in: the credentials ride in the first URL; Chromium keeps them for the origin's later requests.
        String host = base.substring("http://".length());
        fs.mkdir("/photos", 0755, 0, 0);
        fs.mkdir("/photos/2026", 0755, 0, 0);
        try (OutputStream out = fs.openOutput("/photos/notes & <i>.txt", false, 0, 0)) {
            out.write("some notes\n".getBytes());
        }
        browser.get("http://" + USER + ":" + PASSWORD.replace(" ", "%20") + "@" + host + "/");
        assertThat(browser.getTitle()).isEqualTo("/ - RingFS");
        // From here on plain URLs: the browser answers the drive's challenges with the login it kept.
        browser.get(base + "/photos/");
        assertThat(browser.getTitle()).isEqualTo("photos - RingFS");
        List<String> names = browser.findElements(By.cssSelector("td.name a")).stream().map(WebElement::getText).toList();
        assertThat(names).containsExactly("../", "2026/", "notes & <i>.txt");

        // Upload 50 MiB through the page's form.
        Path original = work.resolve("big-upload.bin");
        writeRandom(original, SIZE, 14);
        String sha = sha256(original);
        browser.findElement(By.cssSelector("input[type=file]")).sendKeys(original.toAbsolutePath().toString());
        browser.findElement(By.xpath("//button[text()='Upload']")).click();
        wait(Duration.ofMinutes(3)).until(d -> rowOf("big-upload.bin") != null);
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/photos/");
        assertThat(rowOf("big-upload.bin").findElement(By.cssSelector("td.size")).getText()).isEqualTo("50 MiB");
        assertThat(fs.stat("/photos/big-upload.bin").size()).isEqualTo(SIZE);
        screenshot("drive-page.png");
        assertThat(rowOf("big-upload.bin").findElement(By.cssSelector("td.when")).isDisplayed()).isTrue();
        // On a phone's width the page fits (the viewport tag) and drops the time column.
        browser.manage().window().setSize(new Dimension(390, 844));
        assertThat(rowOf("big-upload.bin").findElement(By.cssSelector("td.when")).isDisplayed()).isFalse();
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo((Long) browser.executeScript("return window.innerWidth"));
        screenshot("drive-page-phone.png");
        browser.manage().window().setSize(new Dimension(1200, 900));

        // Download it through the page's link: the same bytes.
        rowOf("big-upload.bin").findElement(By.cssSelector("td.name a")).click();
        Path downloaded = downloads.resolve("big-upload.bin");
        wait(Duration.ofMinutes(2)).until(d -> Files.isRegularFile(downloaded) && size(downloaded) == SIZE
                && !Files.exists(downloads.resolve("big-upload.bin.crdownload")));
        assertThat(sha256(downloaded)).isEqualTo(sha);

        // Rename it through the confirmation page.
        rowOf("big-upload.bin").findElement(By.linkText("rename")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Rename \u201cbig-upload.bin\u201d");
        WebElement to = browser.findElement(By.name("to"));
        to.clear();
        to.sendKeys("renamed.bin");
        browser.findElement(By.xpath("//button[text()='Rename']")).click();
        wait(Duration.ofSeconds(30)).until(d -> rowOf("renamed.bin") != null);
        assertThat(rowOf("big-upload.bin")).isNull();
        assertThat(fs.stat("/photos/renamed.bin").size()).isEqualTo(SIZE);

        // Delete it through the confirmation page.
        rowOf("renamed.bin").findElement(By.linkText("delete")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Delete \u201crenamed.bin\u201d?");
        browser.findElement(By.xpath("//button[text()='Delete']")).click();
        wait(Duration.ofSeconds(30)).until(d -> d.getTitle().equals("photos - RingFS") && rowOf("renamed.bin") == null);
        assertThat(fs.list("/photos").stream().map(e -> e.name()).toList()).doesNotContain("renamed.bin", "big-upload.bin");

        // The cluster status page, linked from the folder page; with a data server down, to show how that looks.
        String victim = cluster.dataServerNames().get(3);
        ClusterStatusPageTest.crashAndAwaitDown(cluster, victim);
        // A file written meanwhile has blocks with two copies of three: under-replicated until the server is back.
        try (OutputStream out = fs.openOutput("/photos/while-down.bin", false, 0, 0)) {
            out.write(new byte[8 * 1024 * 1024]);
        }
        browser.findElement(By.linkText("Cluster status")).click();
        assertThat(browser.getTitle()).isEqualTo("Cluster status - RingFS");
        String text = browser.findElement(By.tagName("body")).getText();
        assertThat(text).contains("4 of 5 data servers alive").contains(victim + " is down").contains("epoch")
                .containsPattern("\\b[1-9][0-9]* under-replicated blocks");
        assertThat(browser.findElements(By.cssSelector("svg.ring path"))).hasSize(5);
        // The data servers' figures come with their heartbeats (every second): let them catch up for the picture.
        Thread.sleep(2500);
        browser.navigate().refresh();
        browser.manage().window().setSize(new Dimension(1200, 1300));
        screenshot("status-page.png");
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("status-page-phone.png");
        // It reloads by itself. A poll that meets the reload halfway fails in ways Chrome does not always
        // call stale ("Node with given id does not belong to the document"): polled again, not failed.
        String before = browser.findElement(By.cssSelector("p.free")).getText();
        wait(Duration.ofSeconds(20)).ignoring(WebDriverException.class)
                .until(d -> !d.findElement(By.cssSelector("p.free")).getText().equals(before));
        cluster.start(victim);
    }

    WebElement rowOf(String name) {
        for (WebElement row : browser.findElements(By.cssSelector("tbody tr"))) {
            List<WebElement> link = row.findElements(By.cssSelector("td.name a"));
            if (!link.isEmpty() && link.get(0).getText().equals(name)) return row;
        }
        return null;
    }

    WebDriverWait wait(Duration timeout) {
        WebDriverWait w = new WebDriverWait(browser, timeout, Duration.ofMillis(250));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static void writeRandom(Path file, int size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
