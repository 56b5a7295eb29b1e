package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClientException;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.ringfs.api.BinaryCall;
import org.ringfs.api.BinaryValues;
import org.ringfs.api.MetaMethods;
import org.ringfs.security.BodyDigest;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Meta calls in {@link BinaryCall}'s form over {@link HttpConnections}: the same headers (the
 * cluster, the call's name), the same signature over the body, and a fault comes back as the
 * XML-RPC client would have thrown it. A call is sent once: never again behind the caller's back.
 */
final class BinaryMetaWire implements MetaWire {
    private final HttpConnections connections;
    private final RequestSigner signer;
    private final String scheme;
    private final int replyTimeoutMillis;
    private final Supplier<String> clusterId;
    private final Supplier<String> callName;
    /** Each member's endpoint, parsed once: the members, and any master they named. */
    private final Map<String, URI> endpoints = new ConcurrentHashMap<>();

    /**
     * @param signer    null: calls go unsigned
     * @param tls       https, trusting what it trusts; null: plain http
     * @param clusterId the cluster every call names ({@link MetaMethods#CLUSTER_HEADER}); null: none yet
     * @param callName  the name of the mutating call being sent ({@link MetaMethods#CALL_HEADER}); null: none
     */
    BinaryMetaWire(RequestSigner signer, SSLContext tls, Duration connectTimeout, Duration replyTimeout,
                   Supplier<String> clusterId, Supplier<String> callName) {
        this.connections = new HttpConnections(tls, connectTimeout);
        this.signer = signer;
        this.scheme = tls != null ? "https://" : "http://";
        this.replyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, replyTimeout.toMillis());
        this.clusterId = clusterId;
        this.callName = callName;
    }

    /** The endpoint at {@code member}; IllegalArgumentException for what is no HOST:PORT. */
    URI uri(String member) {
        return endpoints.computeIfAbsent(member, m -> {
            URI uri = URI.create(scheme + m + MetaMethods.BINARY_PATH);
            if (uri.getHost() == null || uri.getPort() < 0) throw new IllegalArgumentException("bad meta address '" + m + "'");
            return uri;
        });
    }

    @Override
    public Object execute(String member, String method, Object[] params) throws XmlRpcException {
        byte[] body;
        try {
            body = BinaryCall.request(method, params);
        } catch (BinaryValues.NotUnicodeException e) {
            throw new XmlRpcClientException("not sent", new XmlRpcHardening.UnpairedSurrogateException(e.getMessage()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", MetaMethods.BINARY_TYPE);
        String cluster = clusterId.get();
        if (cluster != null) headers.put(MetaMethods.CLUSTER_HEADER, cluster);
        String call = callName.get();
        if (call != null) headers.put(MetaMethods.CALL_HEADER, call);
        if (signer != null) headers.putAll(signer.headers("POST", MetaMethods.BINARY_PATH, BodyDigest.of(body, 0, body.length)));
        HttpConnections.Reply reply;
        try {
            reply = connections.post(uri(member), headers, body, replyTimeoutMillis, MetaTransportFactory.MAX_REPLY_BYTES);
        } catch (IOException e) {
            throw new XmlRpcClientException("no answer from " + member + ": " + e.getMessage(), e);
        }
        if (!reply.ok()) throw new XmlRpcHttpTransportException(reply.status(), "HTTP " + reply.status());
        BinaryCall.Answer answer;
        try {
            if (reply.gzip()) throw new BinaryValues.MalformedValueException("a compressed answer");
            answer = BinaryCall.parseAnswer(ByteBuffer.wrap(reply.body()));
        } catch (BinaryValues.MalformedValueException e) {
            throw new XmlRpcClientException("a malformed answer from " + member + ": " + e.getMessage(), null);
        }
        if (answer.isFault()) throw new XmlRpcException(answer.faultCode(), answer.faultMessage());
        return answer.value();
    }
}
