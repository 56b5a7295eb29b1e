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

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Apache XML-RPC's HttpURLConnection transport, signing every call with the cluster secret. The
 * XML writer produces the body only when the request is sent, so the transport writes it to memory
 * first (the stock transport does the same to learn the Content-Length), hashes it, adds the
 * signature headers, and then sends those bytes.
 */
final class SigningXmlRpcTransportFactory extends XmlRpcSun15HttpTransportFactory {
    private final RequestSigner signer;
    private final String pathAndQuery;

    /** @param pathAndQuery the path of the server URL, as the server will see it */
    SigningXmlRpcTransportFactory(XmlRpcClient client, RequestSigner signer, String pathAndQuery) {
        super(client);
        this.signer = signer;
        this.pathAndQuery = pathAndQuery;
    }

    @Override
    public XmlRpcTransport getTransport() {
        return new SigningTransport(getClient());
    }

    private final class SigningTransport extends XmlRpcSun15HttpTransport {
        SigningTransport(XmlRpcClient client) {
            super(client);
        }

        @Override
        protected ReqWriter newReqWriter(XmlRpcRequest request) throws XmlRpcException, IOException, SAXException {
            ReqWriter xml = super.newReqWriter(request);
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
