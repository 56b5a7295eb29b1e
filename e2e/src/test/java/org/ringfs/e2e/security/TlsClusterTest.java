package org.ringfs.e2e.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.RingFsException;
import org.ringfs.cli.local.ServerLauncher;
import org.ringfs.cli.local.ServerStopper;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.data.server.DataServer;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;
import org.ringfs.security.TlsStores;
import org.ringfs.transport.MetaClient;
import org.ringfs.webdav.auth.UsersFile;
import org.ringfs.webdav.lock.MetaLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A cluster with TLS on every port and a secret: meta and three data servers serve https with one
 * keystore (made here with keytool), the data servers call meta and each other over https, and a
 * client that trusts the certificate stores and reads files, and a WebDAV front given the truststore
 * takes and releases locks in meta; clients speaking plain http, or trusting only the JDK's CAs, get
 * nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsClusterTest {
    @TempDir static Path dir;
    ClusterSecret secret;
    MetaServer meta;
    final List<DataServer> data = new ArrayList<>();
    SSLContext trust;
    TlsStores.StoreFile keystore;

    @BeforeAll
    void start() throws Exception {
        secret = ClusterSecret.loadOrCreate(dir.resolve("secret")); // a file: the WebDAV front runs as a process
        keystore = newKeystore(dir);
        trust = TlsStores.clientContext(keystore); // the keystore's own certificate is the trust
        meta = MetaServer.builder().dir(dir.resolve("meta")).blockSize(64 * 1024)
                .initialRing(List.of("data-1", "data-2", "data-3")).secret(secret).tls(keystore).start();
        for (int k = 1; k <= 3; k++) {
            data.add(DataServer.builder().name("data-" + k).dir(dir.resolve("data-" + k)).meta(meta.address())
                    .scrubInterval(Duration.ZERO).secret(secret).tls(keystore).trust(trust).start());
        }
        MetaClient member = MetaClient.connect(meta.address(), Duration.ofSeconds(5), new RequestSigner(secret), trust);
        MiniRingFsCluster.waitUntil(() -> allAlive(member), Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws Exception {
        for (DataServer d : data) d.close();
        if (meta != null) meta.close();
    }

    /** A PKCS12 keystore for 127.0.0.1 and localhost, and its password in an owner-only file. */
    static TlsStores.StoreFile newKeystore(Path dir) throws Exception {
        Path store = dir.resolve("cluster.p12");
        Path passwordFile = dir.resolve("cluster.p12.password");
        String password = "keystore-password-" + System.nanoTime();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password,
                "-alias", "ringfs", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=ringfs-test", "-ext", "SAN=ip:127.0.0.1,dns:localhost")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        return TlsStores.storeFile(store, passwordFile);
    }

    private boolean allAlive(MetaClient member) {
        try {
            return member.clusterMap().ring().stream().filter(s -> s.alive()).count() == 3;
        } catch (RingFsException e) {
            throw new AssertionError("a signed, trusting member was refused", e);
        }
    }

    @Test
    void aTrustingMemberStoresAndReadsOverHttpsEverywhere() throws Exception {
        ClientSettings settings = ClientSettings.defaults(meta.address()).withSecret(secret).withTls(trust)
                .withReadWait(Duration.ofSeconds(20)).withWriteWait(Duration.ofSeconds(20));
        try (RingFsClient fs = new RingFsClient(settings)) {
            StoredFiles stored = new StoredFiles(fs).store("/over-tls.bin", 500_000, 9);
            stored.assertIntact();
        }
    }

    @Test
    void aWebDavFrontGivenTheTruststoreTakesAndReleasesLocksInMeta() throws Exception {
        Path users = dir.resolve("webdav-users");
        UsersFile.put(users, "alice", "alice-password".toCharArray());
        Path portFile = dir.resolve("webdav.port");
        Path log = dir.resolve("webdav.log");
        // `ringfs webdav` as a user starts it: the bug was in the command's wiring, not in the front.
        Process front = new ProcessBuilder(ServerLauncher.javaCommand(List.of("webdav",
                "--meta", meta.address(), "--secret-file", dir.resolve("secret").toString(),
                "--tls-truststore", dir.resolve("cluster.p12").toString(),
                "--tls-truststore-password-file", dir.resolve("cluster.p12.password").toString(),
                "--users", users.toString(), "--listen", "127.0.0.1:0", "--port-file", portFile.toString())))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(portFile)) {
                assertThat(front.isAlive()).as("the front runs; its log:\n" + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("the front listens within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            String url = "http://127.0.0.1:" + Files.readString(portFile).trim() + "/locked.txt";
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("alice:alice-password".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                    .PUT(HttpRequest.BodyPublishers.ofString("over tls")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body() + Files.readString(log)).isEqualTo(201);
            HttpResponse<String> lock = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                    .header("Content-Type", "application/xml").header("Timeout", "Second-600")
                    .method("LOCK", HttpRequest.BodyPublishers.ofString(EXCLUSIVE_LOCK)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(lock.statusCode()).as(lock.body() + Files.readString(log)).isEqualTo(200);
            String token = lock.headers().firstValue("Lock-Token").orElseThrow();
            HttpResponse<String> unlock = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                    .header("Lock-Token", token).method("UNLOCK", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unlock.statusCode()).as(unlock.body() + Files.readString(log)).isEqualTo(204);
        } finally {
            ServerStopper.stop(List.of(front.toHandle()), Duration.ofSeconds(15));
        }
    }

    @Test
    void aWebDavFrontServesHttpsOnTheServersConnector() throws Exception {
        Path users = dir.resolve("https-users");
        UsersFile.put(users, "bob", "bob-password".toCharArray());
        ClientSettings settings = ClientSettings.defaults(meta.address()).withSecret(secret).withTls(trust)
                .withReadWait(Duration.ofSeconds(20)).withWriteWait(Duration.ofSeconds(20));
        FrontSettings https = new FrontSettings(new InetSocketAddress("127.0.0.1", 0), users, false, false,
                keystore.path(), new String(keystore.password()));
        try (RingFsClient fs = new RingFsClient(settings);
             WebDavFront front = WebDavFront.start(fs, new MetaLockStore(fs.meta()), https)) {
            assertThat(front.url()).startsWith("https://127.0.0.1:");
            HttpClient trusting = HttpClient.newBuilder().sslContext(trust).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString("bob:bob-password".getBytes(StandardCharsets.UTF_8));
            URI file = URI.create(front.url() + "over-https.txt");
            HttpResponse<String> put = trusting.send(HttpRequest.newBuilder(file).header("Authorization", auth)
                    .PUT(HttpRequest.BodyPublishers.ofString("served over https")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            HttpResponse<String> get = trusting.send(HttpRequest.newBuilder(file).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.body()).isEqualTo("served over https");
            // Plain http on the https port never gets the file (an error reply, or the connection fails).
            URI plain = URI.create("http://127.0.0.1:" + front.port() + "/over-https.txt");
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain)
                        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).isNotEqualTo("served over https");
            } catch (java.io.IOException refused) {
                // refused at the TLS handshake
            }
        }
    }

    private static final String EXCLUSIVE_LOCK = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:lockinfo xmlns:D=\"DAV:\">"
            + "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
            + "<D:owner>tls test</D:owner></D:lockinfo>";

    @Test
    void plainHttpAndUntrustedCertificatesGetNowhere() throws Exception {
        MetaClient plain = MetaClient.connect(meta.address(), Duration.ofSeconds(5), null, null);
        assertThat(catchThrowableOfType(RingFsException.class, plain::clusterMap)).isNotNull();
        MetaClient untrusting = MetaClient.connect(meta.address(), Duration.ofSeconds(5), null, SSLContext.getDefault());
        RingFsException e = catchThrowableOfType(RingFsException.class, untrusting::clusterMap);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).containsIgnoringCase("certification path");
    }
}
