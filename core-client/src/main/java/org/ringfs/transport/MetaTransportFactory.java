package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransport;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransportFactory;
import org.apache.xmlrpc.client.XmlRpcTransport;
import org.ringfs.api.MetaMethods;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.RequestSigner;
import org.xml.sax.SAXException;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.function.Supplier;

/**
 * Apache XML-RPC's HttpURLConnection transport as a cluster member uses it: it names the cluster the
 * client works with, signs every call with the cluster secret when it has a signer, and over https trusts what the given SSLContext
 * trusts. A call is sent once: never again behind the caller's back. The XML writer produces the body only when the request is sent, so for signing the
 * transport writes it to memory first (the stock transport does the same to learn the
 * Content-Length), hashes it, adds the signature headers, and then sends those bytes.
 */
final class MetaTransportFactory extends XmlRpcSun15HttpTransportFactory {
    private final RequestSigner signer;
    private final SSLContext tls;
    private final String pathAndQuery;
    private final Supplier<String> clusterId;
    private final Supplier<String> callName;

    /**
     * @param signer       null: calls go unsigned
     * @param tls          for https server URLs; null: the JDK's default trust
     * @param pathAndQuery the path of the server URL, as the server will see it
     * @param clusterId    the cluster every call names in {@link MetaMethods#CLUSTER_HEADER}; null: none yet
     * @param callName     the name of the mutating call being sent ({@link MetaMethods#CALL_HEADER}); null: none
     */
    MetaTransportFactory(XmlRpcClient client, RequestSigner signer, SSLContext tls, String pathAndQuery,
                         Supplier<String> clusterId, Supplier<String> callName) {
        super(client);
        this.signer = signer;
        this.tls = tls;
        this.pathAndQuery = pathAndQuery;
        this.clusterId = clusterId;
        this.callName = callName;
    }

    @Override
    public XmlRpcTransport getTransport() {
        return new MemberTransport(getClient());
    }

    private final class MemberTransport extends XmlRpcSun15HttpTransport {
        MemberTransport(XmlRpcClient client) {
            super(client);
        }

        @Override
        protected URLConnection newURLConnection(URL url) throws IOException {
            URLConnection c = super.newURLConnection(url);
            if (tls != null && c instanceof HttpsURLConnection https) https.setSSLSocketFactory(tls.getSocketFactory());
            return c;
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
            byte[] body = buffer.toByteArray();
            if (signer != null) {
                signer.headers("POST", pathAndQuery, BodyDigest.of(body, 0, body.length)).forEach(this::setRequestHeader);
            }
            setContentLength(body.length);
            // A fixed-length body is never sent twice by the JDK (it re-sends a plain POST once when the
            // connection ends without a reply): meta may have carried the call out, and the caller decides.
            if (getURLConnection() instanceof HttpURLConnection http) http.setFixedLengthStreamingMode(body.length);
            return out -> {
                try (out) {
                    out.write(body);
                }
            };
        }
    }
}
