package org.ringfs.meta.rpc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BinaryCall;
import org.ringfs.api.BinaryValues;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.MetaClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The binary wire runs the same calls as XML-RPC, behind the same signature, cluster and size
 * checks, and refuses what XML-RPC refuses: a hostile body gets a coded fault or an HTTP refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class MetaBinaryWireTest {
    @TempDir static Path dir;
    final ClusterSecret secret = ClusterSecret.random();
    final RequestSigner signer = new RequestSigner(secret);
    final HttpClient http = HttpClient.newHttpClient();
    MetaServer server;
    MetaClient binary;
    MetaClient xml;

    @BeforeAll
    void start() throws Exception {
        server = MetaServer.builder().dir(dir.resolve("store")).secret(secret).start();
        binary = MetaClient.connect(server.address(), Duration.ofSeconds(10), signer, null);
        xml = MetaClient.connect(server.address(), Duration.ofSeconds(10), signer, null).speakingXmlRpc();
    }

    @AfterAll
    void stop() { server.close(); }

    @Test
    void bothWiresAnswerTheSameCallsTheSame() throws Exception {
        binary.mkdir("/both", 0750, 7, 8);
        xml.mkdir("/both/xml \uD83D\uDE00 tab\tname", 0700, 0, 0);
        InodeAttributes viaBinary = binary.stat("/both");
        assertThat(viaBinary).isEqualTo(xml.stat("/both"));
        assertThat(viaBinary.mode() & 0777).isEqualTo(0750);
        assertThat(binary.stat("/both/xml \uD83D\uDE00 tab\tname")).isEqualTo(xml.stat("/both/xml \uD83D\uDE00 tab\tname"));
        for (MetaClient wire : new MetaClient[]{binary, xml}) {
            RingFsException missing = catchThrowableOfType(RingFsException.class, () -> wire.stat("/both/none"));
            assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
            RingFsException exists = catchThrowableOfType(RingFsException.class, () -> wire.mkdir("/both", 0755, 0, 0));
            assertThat(exists.code()).isEqualTo(ErrorCode.EXISTS);
        }
    }

    @Test
    void aStringThatIsNotUnicodeIsNotSent() {
        RingFsException e = catchThrowableOfType(RingFsException.class, () -> binary.mkdir("/half\uD83D", 0755, 0, 0));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(e.getMessage()).contains("not sent");
    }

    /**
     * The binary wire carries a carriage return, which XML-RPC turns into a newline, and U+FFFD,
     * which the fronts make of invalid UTF-8: meta makes no name (nor symlink target) that the two
     * wires would tell apart or the client refuses. (Other controls the binary reader refuses.)
     */
    @Test
    void aNameEveryWireWouldNotCarryUnchangedIsNotMade() throws Exception {
        binary.mkdir("/made", 0755, 0, 0);
        binary.create("/made/file", 0644, 0, 0, true);
        for (String bad : new String[]{"cr\rname", "replacement\uFFFD"}) {
            String path = "/made/" + bad;
            for (ThrowingCall call : new ThrowingCall[]{
                    () -> binary.mkdir(path, 0755, 0, 0),
                    () -> binary.create(path, 0644, 0, 0, true),
                    () -> binary.mknod(path, FileType.FIFO, 0644, 0, 0, 0),
                    () -> binary.symlink(path, "file", 0, 0),
                    () -> binary.symlink("/made/link", bad, 0, 0),
                    () -> binary.link("/made/file", path),
                    () -> binary.rename("/made/file", path)}) {
                RingFsException e = catchThrowableOfType(RingFsException.class, call::run);
                assertThat(e).as(bad).isNotNull();
                assertThat(e.code()).as(bad).isEqualTo(ErrorCode.INVALID);
            }
        }
        assertThat(binary.list("/made")).extracting(DirectoryEntry::name).containsExactly("file");
        assertThat(binary.stat("/made/file").nlink()).isEqualTo(1);
        // A newline and a tab stay names: XML carries both as they are.
        binary.mkdir("/made/new\nline\ttab", 0755, 0, 0);
        assertThat(xml.stat("/made/new\nline\ttab")).isEqualTo(binary.stat("/made/new\nline\ttab"));
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void anUnsignedOrStaleCallIsRefusedWith401() throws Exception {
        byte[] body = BinaryCall.request("ringfs.mkdir", new Object[]{"/outsider", 0755, 0, 0});
        assertThat(post(body, Map.of()).statusCode()).isEqualTo(401);
        Map<String, String> signedForXml = signer.headers("POST", MetaMethods.PATH, BodyDigest.of(body, 0, body.length));
        assertThat(post(body, signedForXml).statusCode()).as("a signature names its path").isEqualTo(401);
        assertThat(catchThrowableOfType(RingFsException.class, () -> binary.stat("/outsider")).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aCallForAnotherClusterIsRefusedWith421() throws Exception {
        byte[] body = BinaryCall.request("ringfs.mkdir", new Object[]{"/misdirected", 0755, 0, 0});
        Map<String, String> headers = new java.util.HashMap<>(signed(body));
        headers.put(MetaMethods.CLUSTER_HEADER, "another-cluster");
        assertThat(post(body, headers).statusCode()).isEqualTo(MetaMethods.WRONG_CLUSTER_STATUS);
        assertThat(catchThrowableOfType(RingFsException.class, () -> binary.stat("/misdirected")).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void malformedCallsGetCodedFaults() throws Exception {
        assertThat(faultOf(new byte[]{BinaryCall.VERSION, 0, 0})).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(faultOf(new byte[0])).isEqualTo(ErrorCode.BAD_REQUEST);
        byte[] truncated = BinaryCall.request("ringfs.stat", new Object[]{"/"});
        assertThat(faultOf(Arrays.copyOf(truncated, truncated.length - 1))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(faultOf(BinaryCall.request("ringfs.noSuchCall", new Object[0]))).isEqualTo(ErrorCode.UNKNOWN_METHOD);
        assertThat(faultOf(BinaryCall.request("ringfs.stat", new Object[0]))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(faultOf(BinaryCall.request("ringfs.stat", new Object[]{42}))).isEqualTo(ErrorCode.BAD_REQUEST);
        // A control character XML 1.0 cannot carry: refused here as XML-RPC's parser refuses it.
        assertThat(faultOf(BinaryCall.request("ringfs.mkdir", new Object[]{"/bell\u0007", 0755, 0, 0})))
                .isEqualTo(ErrorCode.BAD_REQUEST);
        for (MetaClient wire : new MetaClient[]{binary, xml}) {
            assertThat(catchThrowableOfType(RingFsException.class, () -> wire.stat("/bell\u0007")).code())
                    .isEqualTo(ErrorCode.BAD_REQUEST);
        }
    }

    @Test
    void oversizedBodiesAndOtherMethodsAreRefused() throws Exception {
        byte[] huge = new byte[MetaMethods.MAX_REQUEST_BYTES + 1];
        assertThat(post(huge, signed(huge)).statusCode()).isEqualTo(413);
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.BINARY_PATH))
                .headers(signer.headers("GET", MetaMethods.BINARY_PATH, BodyDigest.of(new byte[0], 0, 0))
                        .entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                        .toArray(String[]::new))
                .GET().build();
        assertThat(http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
    }

    private ErrorCode faultOf(byte[] body) throws Exception {
        HttpResponse<byte[]> r = post(body, signed(body));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MetaMethods.BINARY_TYPE);
        BinaryCall.Answer a = parse(r.body());
        assertThat(a.isFault()).as("a fault for %s", Arrays.toString(body)).isTrue();
        assertThat(a.faultMessage()).doesNotContain("\tat ").doesNotContain("Exception:");
        return ErrorCode.ofFault(a.faultCode());
    }

    private static BinaryCall.Answer parse(byte[] body) throws BinaryValues.MalformedValueException {
        return BinaryCall.parseAnswer(ByteBuffer.wrap(body));
    }

    private Map<String, String> signed(byte[] body) {
        return signer.headers("POST", MetaMethods.BINARY_PATH, BodyDigest.of(body, 0, body.length));
    }

    private HttpResponse<byte[]> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.BINARY_PATH))
                .header("Content-Type", MetaMethods.BINARY_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
