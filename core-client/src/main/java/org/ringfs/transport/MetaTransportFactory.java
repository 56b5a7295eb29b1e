package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientException;
import org.apache.xmlrpc.client.XmlRpcHttpClientConfig;
import org.apache.xmlrpc.client.XmlRpcHttpTransport;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.apache.xmlrpc.client.XmlRpcTransport;
import org.apache.xmlrpc.client.XmlRpcTransportFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.ringfs.api.MetaMethods;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.RequestSigner;
import org.xml.sax.SAXException;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Apache XML-RPC over {@link HttpConnections}, as a cluster member uses it: it names the cluster the
 * client works with, signs every call with the cluster secret when it has a signer, and over https
 * trusts what the given SSLContext trusts. A call is sent once: never again behind the caller's
 * back. The XML writer produces the body only when the request is sent, so for signing the
 * transport writes it to memory first, hashes it, adds the signature headers, and then sends those bytes.
 */
final class MetaTransportFactory extends XmlRpcTransportFactoryImpl {
    /** The largest reply read: far above any meta reply (a listing comes in pages). */
    static final int MAX_REPLY_BYTES = 64 << 20;

    private final HttpConnections connections;
    private final RequestSigner signer;
    private final String pathAndQuery;
    private final Supplier<String> clusterId;
    private final Supplier<String> callName;

    /**
     * @param signer         null: calls go unsigned
     * @param tls            for https server URLs; null: the JDK's default trust
     * @param connectTimeout a TCP connect to any member takes at most this long
     * @param pathAndQuery   the path of the server URL, as the server will see it
     * @param clusterId      the cluster every call names in {@link MetaMethods#CLUSTER_HEADER}; null: none yet
     * @param callName       the name of the mutating call being sent ({@link MetaMethods#CALL_HEADER}); null: none
     */
    MetaTransportFactory(XmlRpcClient client, RequestSigner signer, SSLContext tls, Duration connectTimeout,
                         String pathAndQuery, Supplier<String> clusterId, Supplier<String> callName) {
        super(client);
        this.connections = new HttpConnections(tls, connectTimeout);
        this.signer = signer;
        this.pathAndQuery = pathAndQuery;
        this.clusterId = clusterId;
        this.callName = callName;
    }

    @Override
    public XmlRpcTransport getTransport() {
        return new MemberTransport(getClient());
    }

    /** One call: headers gathered, the body written to memory (to be hashed and signed), then one exchange. */
    private final class MemberTransport extends XmlRpcHttpTransport {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private XmlRpcHttpClientConfig config;
        private byte[] body;
        private HttpConnections.Reply reply;

        MemberTransport(XmlRpcClient client) {
            super(client, USER_AGENT);
        }

        @Override
        public Object sendRequest(XmlRpcRequest request) throws XmlRpcException {
            config = (XmlRpcHttpClientConfig) request.getConfig();
            return super.sendRequest(request);
        }

        @Override
        protected void setRequestHeader(String name, String value) {
            headers.put(name, value); // Content-Length is the connection's to write
        }

        @Override
        protected ReqWriter newReqWriter(XmlRpcRequest request) throws XmlRpcException, IOException, SAXException {
            ReqWriter xml = super.newReqWriter(request);
            String cluster = clusterId.get();
            if (cluster != null) setRequestHeader(MetaMethods.CLUSTER_HEADER, cluster);
            String call = callName.get();
            if (call != null) setRequestHeader(MetaMethods.CALL_HEADER, call);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            xml.write(buffer);
            body = buffer.toByteArray();
            if (signer != null) {
                signer.headers("POST", pathAndQuery, BodyDigest.of(body, 0, body.length)).forEach(this::setRequestHeader);
            }
            return out -> {
                try (out) {
                    out.write(body);
                }
            };
        }

        @Override
        protected void writeRequest(ReqWriter writer) throws XmlRpcException, IOException {
            URI uri;
            try {
                uri = config.getServerURL().toURI();
            } catch (URISyntaxException e) {
                throw new XmlRpcClientException("bad meta URL " + config.getServerURL(), e);
            }
            reply = connections.post(uri, headers, body, config.getReplyTimeout(), MAX_REPLY_BYTES);
            if (!reply.ok()) {
                throw new XmlRpcHttpTransportException(reply.status(), "HTTP " + reply.status());
            }
        }

        @Override
        protected InputStream getInputStream() {
            return new ByteArrayInputStream(reply.body());
        }

        @Override
        protected boolean isResponseGzipCompressed(XmlRpcStreamRequestConfig config) {
            return reply.gzip();
        }

        @Override
        protected void close() {
            // Nothing held: the reply was read whole and its connection kept or closed.
        }
    }
}
