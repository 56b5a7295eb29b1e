package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.ringfs.api.MetaMethods;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Meta calls in XML-RPC, hardened as meta's server is ({@link XmlRpcHardening}), over
 * {@link HttpConnections} ({@link MetaTransportFactory}): meta's public wire, which a client
 * speaks when told to ({@link MetaClient#speakingXmlRpc()}).
 */
final class XmlRpcMetaWire implements MetaWire {
    private final XmlRpcClient rpc;
    private final boolean https;
    private final Duration connectTimeout;
    private final Duration replyTimeout;
    /** One XML-RPC config per address called: the members, and any master they named. */
    private final Map<String, XmlRpcClientConfigImpl> configs = new ConcurrentHashMap<>();

    XmlRpcMetaWire(RequestSigner signer, SSLContext tls, Duration connectTimeout, Duration replyTimeout,
                   Supplier<String> clusterId, Supplier<String> callName) {
        XmlRpcHardening.installParserFactory();
        this.https = tls != null;
        this.connectTimeout = connectTimeout;
        this.replyTimeout = replyTimeout;
        rpc = new XmlRpcClient();
        rpc.setTypeFactory(XmlRpcHardening.typeFactory(rpc));
        rpc.setXmlWriterFactory(XmlRpcHardening.xmlWriterFactory()); // emoji and other astral characters as UTF-8
        // HttpConnections keeps connections alive between calls.
        rpc.setTransportFactory(new MetaTransportFactory(rpc, signer, tls, connectTimeout, MetaMethods.PATH,
                clusterId, callName));
    }

    @Override
    public Object execute(String member, String method, Object[] params) throws XmlRpcException {
        return rpc.execute(config(member), method, params);
    }

    private XmlRpcClientConfigImpl config(String address) {
        return configs.computeIfAbsent(address, a -> {
            XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
            try {
                config.setServerURL(new URL((https ? "https://" : "http://") + a + MetaMethods.PATH));
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad meta address '" + a + "'", e);
            }
            config.setEnabledForExtensions(true); // i8 and nil; the type factory refuses everything else
            config.setEncoding("UTF-8");
            config.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            config.setReplyTimeout((int) Math.min(Integer.MAX_VALUE, replyTimeout.toMillis()));
            return config;
        });
    }
}
