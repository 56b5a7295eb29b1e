package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransport;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransportFactory;
import org.apache.xmlrpc.client.XmlRpcTransport;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.RequestSigner;
import org.xml.sax.SAXException;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;

/**
 * Apache XML-RPC's HttpURLConnection transport as a cluster member uses it: it signs every call
 * with the cluster secret when it has a signer, and over https trusts what the given SSLContext
 * trusts. The XML writer produces the body only when the request is sent, so for signing the
 * transport writes it to memory first (the stock transport does the same to learn the
 * Content-Length), hashes it, adds the signature headers, and then sends those bytes.
 */
final class MetaTransportFactory extends XmlRpcSun15HttpTransportFactory {
    private final RequestSigner signer;
    private final SSLContext tls;
    private final String pathAndQuery;

    /**
     * @param signer       null: calls go unsigned
     * @param tls          for https server URLs; null: the JDK's default trust
     * @param pathAndQuery the path of the server URL, as the server will see it
     */
    MetaTransportFactory(XmlRpcClient client, RequestSigner signer, SSLContext tls, String pathAndQuery) {
        super(client);
        this.signer = signer;
        this.tls = tls;
        this.pathAndQuery = pathAndQuery;
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
            if (signer == null) return xml;
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            xml.write(buffer);
            byte[] body = buffer.toByteArray();
            signer.headers("POST", pathAndQuery, BodyDigest.of(body, 0, body.length)).forEach(this::setRequestHeader);
            setContentLength(body.length);
            return out -> {
                try (out) {
                    out.write(body);
                }
            };
        }
    }
}
