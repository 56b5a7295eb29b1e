package org.ringfs.e2e.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.RingFsException;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.data.server.DataServer;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;
import org.ringfs.security.TlsStores;
import org.ringfs.transport.MetaClient;

import javax.net.ssl.SSLContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A cluster with TLS on every port and a secret: meta and three data servers serve https with one
 * keystore (made here with keytool), the data servers call meta and each other over https, and a
 * client that trusts the certificate stores and reads files; clients speaking plain http, or
 * trusting only the JDK's CAs, get nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsClusterTest {
    @TempDir static Path dir;
    final ClusterSecret secret = ClusterSecret.random();
    MetaServer meta;
    final List<DataServer> data = new ArrayList<>();
    SSLContext trust;
    TlsStores.StoreFile keystore;

    @BeforeAll
    void start() throws Exception {
        keystore = newKeystore(dir);
        trust = TlsStores.clientContext(keystore); // the keystore's own certificate is the trust
        meta = MetaServer.builder().dir(dir.resolve("meta")).blockSize(64 * 1024)
                .initialRing(List.of("data-1", "data-2", "data-3")).secret(secret).tls(keystore).start();
        for (int k = 1; k <= 3; k++) {
            data.add(DataServer.builder().name("data-" + k).dir(dir.resolve("data-" + k)).meta(meta.address())
                    .scrubInterval(Duration.ZERO).secret(secret).tls(keystore).trust(trust).start());
        }
        MetaClient member = new MetaClient(meta.address(), Duration.ofSeconds(5), new RequestSigner(secret), trust);
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
    void plainHttpAndUntrustedCertificatesGetNowhere() throws Exception {
        MetaClient plain = new MetaClient(meta.address(), Duration.ofSeconds(5), null, null);
        assertThat(catchThrowableOfType(RingFsException.class, plain::clusterMap)).isNotNull();
        MetaClient untrusting = new MetaClient(meta.address(), Duration.ofSeconds(5), null, SSLContext.getDefault());
        RingFsException e = catchThrowableOfType(RingFsException.class, untrusting::clusterMap);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).containsIgnoringCase("certification path");
    }
}
