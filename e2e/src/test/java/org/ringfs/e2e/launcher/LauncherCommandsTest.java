package org.ringfs.e2e.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's commands as a user runs them: separate `ringfs` processes against a cluster that
 * `ringfs up --detach` started (three data servers, no fault injection, the WebDAV drive), ending
 * with `ringfs down`.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LauncherCommandsTest {
    @TempDir
    static Path work;

    private DetachedCluster cluster;

    @BeforeAll
    void up() throws Exception {
        // A single meta (DIR/meta), as before groups: MetaMembersLauncherTest runs the group's commands.
        cluster = DetachedCluster.start(work, "--data-servers", "3", "--block-size", "65536", "--meta-replicas", "1");
    }

    @AfterAll
    void down() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void upPrintsEveryAddressAndWritesTheClusterFile() throws Exception {
        String out = cluster.up.out();
        assertThat(out).contains("RingFS is up: 3 data servers, meta at " + cluster.metaAddress());
        assertThat(out).contains("data-1", "data-2", "data-3");
        for (String name : List.of("meta", "data-1", "data-2", "data-3", "webdav")) {
            assertThat(cluster.process(name)).as(name + " runs").isPresent();
            assertThat(cluster.dir.resolve(name).resolve("command")).exists();
            assertThat(cluster.dir.resolve(name).resolve("server.log")).exists();
        }
    }

    @Test
    @Order(1)
    void upServesTheDriveWithAFirstUserWhosePasswordItPrintsOnce() throws Exception {
        Matcher drive = Pattern.compile("WebDAV drive: (http://127\\.0\\.0\\.1:[0-9]+/)  user admin  password (\\S+) \\(shown once;"
                + " add users with ringfs user add NAME --dir (\\S+)\\)").matcher(cluster.up.out());
        assertThat(drive.find()).as(cluster.up.out()).isTrue();
        String url = drive.group(1);
        String password = drive.group(2);
        assertThat(Path.of(drive.group(3))).isEqualTo(cluster.dir);
        assertThat(drive.find()).as("the password is shown once").isFalse();
        assertThat(cluster.dir.resolve("webdav").resolve("users")).exists();
        assertThat(Files.readString(cluster.dir.resolve("webdav").resolve("users"), StandardCharsets.UTF_8))
                .contains("\nadmin:").doesNotContain(password);
        assertThat(propfind(url, "admin:" + password)).isEqualTo(207);
        assertThat(propfind(url, "admin:wrong-password")).isEqualTo(401);
        assertThat(cluster.ok("status").out()).contains("webdav " + url + " running")
                .contains("; cluster status page " + url + "?status");
        // The front `up` started shows the cluster it serves, through its own meta client.
        HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "?status"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("<td>data-1</td>").contains("master").contains("<svg class=\"ring\"");
    }

    @Test
    @Order(1)
    void aUserAddedAfterUpLogsInToTheDriveUpServes() throws Exception {
        Matcher drive = Pattern.compile("WebDAV drive: (http://\\S+/)").matcher(cluster.up.out());
        assertThat(drive.find()).as(cluster.up.out()).isTrue();
        String url = drive.group(1);
        Path password = work.resolve("bob.password");
        Files.writeString(password, "bob-password-1\n");
        // As the README says it, from the directory that holds ./var: no --dir, no --users.
        RingFsProcess.Result bob = cluster.ringfs.run("user", "add", "bob", "--password-file", password.toString());
        assertThat(bob.exitCode()).as(bob.describe()).isZero();
        Files.writeString(password, "carol-password-2\n");
        cluster.ok("user", "add", "carol", "--password-file", password.toString());
        // The front re-reads its users file every few seconds.
        awaitStatus(url, "bob:bob-password-1", 207);
        awaitStatus(url, "carol:carol-password-2", 207);
        assertThat(propfind(url, "bob:carol-password-2")).isEqualTo(401);
        assertThat(cluster.dir.resolve("webdav.users")).as("the old default of user add").doesNotExist();
    }

    private static void awaitStatus(String url, String credentials, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Thread.sleep(2500); // past the front's re-read interval: early failures would only slow the login throttle
        int got = propfind(url, credentials);
        while (got != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            got = propfind(url, credentials);
        }
        assertThat(got).as("PROPFIND as " + credentials.substring(0, credentials.indexOf(':'))).isEqualTo(expected);
    }

    private static int propfind(String url, String credentials) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Depth", "0")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @Order(2)
    void upRefusesASecondClusterInTheSameDirectory() throws Exception {
        RingFsProcess.Result again = cluster.run("up", "--detach", "--base-port", "0");
        assertThat(again.exitCode()).as(again.describe()).isEqualTo(1);
        assertThat(again.err()).contains("already running");
    }

    @Test
    @Order(3)
    void putAndGetCopyFilesAndStreams() throws Exception {
        Path local = TestFiles.random(work.resolve("local.bin"), 300_000, 1);
        cluster.ok("put", local.toString(), "/local.bin");
        Path back = work.resolve("back.bin");
        cluster.ok("get", "/local.bin", back.toString());
        assertThat(TestFiles.sha256(back)).isEqualTo(TestFiles.sha256(local));

        Path text = work.resolve("hello.txt");
        Files.writeString(text, "hello ring\n");
        cluster.ok("mkdir", "/in");
        RingFsProcess.Result fromStdin = cluster.run(text, "put", "-", "/in/hello.txt");
        assertThat(fromStdin.exitCode()).as(fromStdin.describe()).isZero();
        assertThat(cluster.ok("get", "/in/hello.txt", "-").out()).isEqualTo("hello ring\n");
    }

    /** Found measuring `get FILE /dev/null` as root: the copy's rename replaced /dev/null with a 0600 regular file. */
    @Test
    @Order(3)
    void getWritesIntoAPipeOrDeviceAndKeepsAReplacedFilesModeAndLinks() throws Exception {
        Path local = TestFiles.random(work.resolve("to-pipe.bin"), 200_000, 2);
        cluster.ok("put", local.toString(), "/to-pipe.bin");

        Path fifo = work.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        cluster.ok("get", "/to-pipe.bin", fifo.toString());
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(Files.readAllBytes(local));
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).as("the fifo is still a fifo").isFalse();

        Path kept = work.resolve("kept.bin");
        Files.writeString(kept, "old");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r-----"));
        Path link = work.resolve("link-to-kept");
        Files.createSymbolicLink(link, kept);
        cluster.ok("get", "/to-pipe.bin", link.toString());
        assertThat(Files.isSymbolicLink(link)).as("the link is kept").isTrue();
        assertThat(Files.readAllBytes(kept)).isEqualTo(Files.readAllBytes(local));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-r-----");

        Path fresh = work.resolve("fresh.bin");
        Path likeAnyNewFile = Files.createFile(work.resolve("made-here"));
        cluster.ok("get", "/to-pipe.bin", fresh.toString());
        assertThat(Files.getPosixFilePermissions(fresh)).as("a new file gets the umask's mode, not a temporary file's 0600")
                .isEqualTo(Files.getPosixFilePermissions(likeAnyNewFile));
    }

    @Test
    @Order(4)
    void namespaceCommands() throws Exception {
        cluster.ok("mkdir", "-p", "/a/b/c");
        cluster.ok("mkdir", "-p", "/a/b/c");
        Path text = work.resolve("f.txt");
        Files.writeString(text, "twelve bytes");
        cluster.ok("put", text.toString(), "/a/b/");
        assertThat(cluster.ok("ls", "/a/b").out().lines()).containsExactly("c", "f.txt");

        cluster.ok("mv", "/a/b/f.txt", "/a/g.txt");
        cluster.ok("ln", "-s", "/a/g.txt", "/a/link");
        String listing = cluster.ok("ls", "-l", "/a").out();
        assertThat(listing).contains("g.txt").contains("link -> /a/g.txt");
        assertThat(listing.lines().filter(l -> l.endsWith(" b"))).singleElement().asString().startsWith("d");

        String stat = cluster.ok("stat", "/a/g.txt").out();
        assertThat(stat).contains("type: file").contains("size: 12");

        cluster.ok("rm", "/a/link");
        RingFsProcess.Result rmDir = cluster.run("rm", "/a");
        assertThat(rmDir.exitCode()).isEqualTo(1);
        assertThat(rmDir.err()).startsWith("ringfs: rm: ").contains("is a directory");
        cluster.ok("rm", "-r", "/a");
        assertThat(cluster.ok("ls", "/").out().lines()).doesNotContain("a");
    }

    @Test
    @Order(5)
    void statusShowsEveryServerAlive() throws Exception {
        String status = cluster.ok("status").out();
        for (String name : List.of("data-1", "data-2", "data-3")) {
            assertThat(status.lines().filter(l -> l.startsWith(name + " "))).singleElement().asString().contains(" yes ");
        }
        assertThat(status).contains("3 of 3 data servers alive").contains("under-replicated blocks: ");
    }

    @Test
    @Order(6)
    void fsckIsCleanOnAHealthyCluster() throws Exception {
        // The files namespaceCommands removed leave copies their data servers delete at their next
        // freed sweep (every 2 s): fsck counts them as freed, awaiting that sweep, which is no fault.
        // (It called them orphaned and the cluster NOT clean until the sweeps ran; CI at e53b80a caught it.)
        RingFsProcess.Result fsck = cluster.run("fsck");
        assertThat(fsck.exitCode()).as(fsck.describe()).isZero();
        assertThat(fsck.out()).contains("ok").contains("corrupt").contains("orphaned 0").contains("freed ").contains("clean");
    }

    @Test
    @Order(7)
    void injectIsRefusedWithoutFaultInjection() throws Exception {
        RingFsProcess.Result inject = cluster.run("inject", "corrupt", "/local.bin", "--block", "0", "--copy", "1");
        assertThat(inject.exitCode()).as(inject.describe()).isEqualTo(1);
        assertThat(inject.err()).contains("refuses fault injection").doesNotContain("\tat ");
    }

    @Test
    @Order(8)
    void badInputGetsOneLineAndAnExitCode() throws Exception {
        RingFsProcess.Result missing = cluster.run("get", "/no/such/file", work.resolve("x").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().lines()).singleElement().asString().startsWith("ringfs: get: ");
        assertThat(work.resolve("x")).doesNotExist();

        RingFsProcess.Result verbose = cluster.run("get", "/no/such/file", work.resolve("x").toString(), "--verbose");
        assertThat(verbose.err()).contains("\tat ");

        assertThat(cluster.run("no-such-command").exitCode()).isEqualTo(2);
        assertThat(cluster.run("crash", "data-x").exitCode()).isEqualTo(2);
        assertThat(cluster.run("put", "only-one-arg").exitCode()).isEqualTo(2);
        assertThat(cluster.run("get", "/local.bin", "-", "--wait", "soon").exitCode()).isEqualTo(2);
        assertThat(cluster.ringfs.run("ls", "/", "--dir", work.resolve("nothing-here").toString()).err())
                .contains("no RingFS cluster in");
        RingFsProcess.Result noLocal = cluster.run("put", work.resolve("absent").toString(), "/absent");
        assertThat(noLocal.exitCode()).isEqualTo(1);
        assertThat(noLocal.err()).startsWith("ringfs: put: ").contains("no such file");
        // A copy refused before it began leaves nothing, and says only why.
        RingFsProcess.Result noFolder = cluster.run("put", work.resolve("local.bin").toString(), "/no/such/folder/x");
        assertThat(noFolder.exitCode()).isEqualTo(1);
        assertThat(noFolder.err().strip())
                .isEqualTo("ringfs: put: /no/such/folder/x: no such file or directory (NOT_FOUND)");
    }

    @Test
    @Order(9)
    void crashAndStartADataServer() throws Exception {
        ProcessHandle before = cluster.process("data-2").orElseThrow();
        cluster.ok("crash", "data-2");
        assertThat(before.isAlive()).isFalse();
        assertThat(cluster.run("crash", "data-2").err()).contains("not running");

        Path back = work.resolve("back-after-crash.bin");
        cluster.ok("get", "/local.bin", back.toString());
        assertThat(TestFiles.sha256(back)).isEqualTo(TestFiles.sha256(work.resolve("local.bin")));

        cluster.ok("start", "data-2");
        assertThat(cluster.process("data-2")).isPresent();

        String port = Files.readString(cluster.dir.resolve("webdav").resolve("port"), StandardCharsets.US_ASCII).trim();
        cluster.ok("crash", "webdav");
        assertThat(cluster.ok("status").out()).contains("webdav http://127.0.0.1:" + port + "/ NOT running");
        cluster.ok("start", "webdav");
        assertThat(cluster.process("webdav")).isPresent();
        assertThat(Files.readString(cluster.dir.resolve("webdav").resolve("port"), StandardCharsets.US_ASCII).trim())
                .as("a restarted front keeps its URL").isEqualTo(port);
        String status = cluster.ok("status").out();
        assertThat(status.lines().filter(l -> l.startsWith("data-2 "))).singleElement().asString().contains(" yes ");
    }

    @Test
    @Order(10)
    void downStopsEverything() throws Exception {
        List<ProcessHandle> servers = new java.util.ArrayList<>();
        for (String name : List.of("meta", "data-1", "data-2", "data-3", "webdav")) servers.add(cluster.process(name).orElseThrow());
        RingFsProcess.Result down = cluster.ok("down");
        assertThat(down.out()).contains("RingFS is down");
        for (ProcessHandle p : servers) assertThat(p.isAlive()).as("pid " + p.pid()).isFalse();
        assertThat(cluster.pidFiles()).isEmpty();
        assertThat(Files.readString(cluster.dir.resolve("cluster.properties"), StandardCharsets.UTF_8)).contains("meta.address");
        cluster = null;
    }
}
