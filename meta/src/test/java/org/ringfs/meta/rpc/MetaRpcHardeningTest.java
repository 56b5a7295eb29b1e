package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.XmlRpcHardening;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a hostile or careless caller gets: typed faults, refusals, never a stack trace or a file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaRpcHardeningTest {
    @TempDir static Path dir;
    MetaServer server;
    XmlRpcClient raw;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        server = MetaServer.builder().dir(dir.resolve("store")).port(0).start();
        XmlRpcHardening.installParserFactory();
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setServerURL(new URL("http://" + server.address() + MetaMethods.PATH));
        config.setEnabledForExtensions(true);
        raw = new XmlRpcClient();
        raw.setConfig(config);
        raw.setTypeFactory(XmlRpcHardening.typeFactory(raw));
    }

    @AfterAll
    void stop() { server.close(); }

    private int faultOf(String method, Object... params) {
        XmlRpcException e = catchThrowableOfType(XmlRpcException.class, () -> raw.execute(method, params));
        assertThat(e).as("a fault from %s", method).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\tat ");
        return e.code;
    }

    @Test
    void unknownMethodIsUnknownMethod() {
        assertThat(faultOf("ringfs.nope")).isEqualTo(ErrorCode.UNKNOWN_METHOD.faultCode());
        assertThat(faultOf("system.listMethods")).isEqualTo(ErrorCode.UNKNOWN_METHOD.faultCode());
    }

    @Test
    void wrongArgumentsAreBadRequests() {
        int bad = ErrorCode.BAD_REQUEST.faultCode();
        assertThat(faultOf("ringfs.stat", 42)).isEqualTo(bad);
        assertThat(faultOf("ringfs.stat")).isEqualTo(bad);
        assertThat(faultOf("ringfs.stat", "/", "/")).isEqualTo(bad);
        assertThat(faultOf("ringfs.mkdir", "/d", "0755", 0, 0)).isEqualTo(bad);
        assertThat(faultOf("ringfs.inode", "1")).isEqualTo(bad);
        assertThat(faultOf("ringfs.create", "/f", 0644, 0, 0, "yes")).isEqualTo(bad);
        assertThat(faultOf("ringfs.mknod", "/n", "PIPE", 0644, 0, 0, 0)).isEqualTo(bad);
        assertThat(faultOf("ringfs.commit", 1L, 0L, 0L, "blocks")).isEqualTo(bad);
        assertThat(faultOf("ringfs.heartbeat", new java.util.HashMap<String, Object>())).isEqualTo(bad);
    }

    @Test
    void faultsCarryTheErrorCode() {
        assertThat(faultOf("ringfs.stat", "/missing")).isEqualTo(ErrorCode.NOT_FOUND.faultCode());
    }

    @Test
    void doctypeWithExternalEntityIsRefusedAndNothingIsFetched() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        try (ServerSocket trap = new ServerSocket(0)) {
            trap.setSoTimeout(500);
            String body = "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE m [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">"
                    + "<!ENTITY % remote SYSTEM \"http://127.0.0.1:" + trap.getLocalPort() + "/evil.dtd\"> %remote;]>\n"
                    + "<methodCall><methodName>ringfs.stat</methodName><params><param><value><string>&xxe;</string>"
                    + "</value></param></params></methodCall>";
            HttpResponse<String> r = post(body);
            assertThat(r.body()).doesNotContain("TOP-SECRET-CONTENT");
            if (r.statusCode() == 200) {
                assertThat(r.body()).contains("<fault>").contains("<i4>" + ErrorCode.BAD_REQUEST.faultCode() + "</i4>");
            } else {
                assertThat(r.statusCode()).isEqualTo(400);
            }
            AtomicBoolean fetched = new AtomicBoolean(true);
            try {
                trap.accept().close();
            } catch (SocketTimeoutException expected) {
                fetched.set(false);
            }
            assertThat(fetched).as("meta fetched the external DTD").isFalse();
        }
    }

    @Test
    void faultHasNoCause() throws Exception {
        HttpResponse<String> r = post("<?xml version=\"1.0\"?><methodCall><methodName>ringfs.stat</methodName>"
                + "<params><param><value><string>/none</string></value></param></params></methodCall>");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("faultCode").contains("faultString").doesNotContain("faultCause");
    }

    @Test
    void serializableValuesAreRefused() throws Exception {
        HttpResponse<String> r = post("<?xml version=\"1.0\"?><methodCall xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">"
                + "<methodName>ringfs.stat</methodName><params><param><value><ex:serializable>rO0ABXQAAWE=</ex:serializable>"
                + "</value></param></params></methodCall>");
        assertThat(r.body()).contains("<fault>").contains("<i4>" + ErrorCode.BAD_REQUEST.faultCode() + "</i4>");
    }

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        byte[] body = new byte[MetaMethods.MAX_REQUEST_BYTES + 1];
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.PATH))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(413);
    }

    @Test
    void oversizedChunkedBodyIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.PATH))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(MetaMethods.MAX_REQUEST_BYTES + 4096L)))
                .build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException reset) {
            return; // the server closed the connection mid-body: refused
        }
        if (r.statusCode() == 200) {
            assertThat(r.body()).contains("<fault>");
        } else {
            assertThat(r.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void getIsNotAnRpc() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.PATH)).GET().build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.address() + MetaMethods.PATH))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code n} bytes of '<', no length known up front, so the client sends them chunked. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long n) { left = n; }

        @Override
        public int read() {
            if (left <= 0) return -1;
            left--;
            return '<';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) return -1;
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) '<');
            left -= n;
            return n;
        }
    }
}
