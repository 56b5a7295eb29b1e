package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaCalls;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.RingFsException;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a {@link MetaClient} does with a call: encodes it by its table row, names it when it
 * mutates, sends it (again, within the retry window, when meta did not answer), turns a fault or
 * a refusal back into a RingFsException, and decodes the reply. Every ClusterMap a reply carries
 * checks the cluster the client is pinned to.
 */
final class MetaCallSender implements InvocationHandler {
    static {
        BlockConnections.keepEnoughAlive(); // meta calls share the JDK's keep-alive pool with block calls
    }

    private final XmlRpcClient rpc;
    private final String address;
    /** The cluster id every call names (null: none yet); see {@link MetaClient#pinnedToFirstCluster()}. */
    private final AtomicReference<String> cluster = new AtomicReference<>();
    private volatile boolean pinning;
    /** The name of the mutating call this thread is sending (the same on every try of it). */
    private static final ThreadLocal<String> CURRENT_CALL = new ThreadLocal<>();
    /** This client's part of its call names: random, so two processes never share one. */
    private final String callPrefix = Long.toHexString(new SecureRandom().nextLong()) + ":";
    private final AtomicLong calls = new AtomicLong();
    private volatile Duration retryWindow = Duration.ZERO;

    MetaCallSender(String address, Duration timeout, RequestSigner signer, SSLContext tls) {
        XmlRpcHardening.installParserFactory();
        this.address = address;
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        try {
            config.setServerURL(new URL((tls == null ? "http://" : "https://") + address + MetaMethods.PATH));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad meta address '" + address + "'", e);
        }
        config.setEnabledForExtensions(true); // i8 and nil; the type factory refuses everything else
        config.setEncoding("UTF-8");
        config.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        config.setReplyTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        rpc = new XmlRpcClient();
        rpc.setConfig(config);
        rpc.setTypeFactory(XmlRpcHardening.typeFactory(rpc));
        // HttpURLConnection keeps connections alive between calls.
        rpc.setTransportFactory(new MetaTransportFactory(rpc, signer, tls, MetaMethods.PATH, cluster::get,
                CURRENT_CALL::get));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == MetaClient.class) return clientSetting(proxy, method, args);
        if (method.getDeclaringClass() == Object.class) return objectMethod(proxy, method, args);
        MetaCall call = MetaCalls.of(method);
        Object result = call.decodeReply(send(call, call.encodeArguments(args)));
        if (result instanceof ClusterMap map) checkCluster(map);
        return result;
    }

    private Object clientSetting(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "address":
                return address;
            case "pinnedToFirstCluster":
                pinning = true;
                return proxy;
            case "retryingFor":
                retryWindow = (Duration) args[0];
                return proxy;
            default:
                throw new UnsupportedOperationException("MetaClient." + method.getName());
        }
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "MetaClient[" + address + "]";
            default:
                throw new UnsupportedOperationException("Object." + method.getName());
        }
    }

    private Object send(MetaCall call, Object[] params) throws RingFsException {
        if (call.mutation()) CURRENT_CALL.set(callPrefix + calls.incrementAndGet());
        try {
            long deadline = System.nanoTime() + retryWindow.toNanos();
            for (int attempt = 1; ; attempt++) {
                try {
                    return rpc.execute(call.name(), params);
                } catch (XmlRpcException e) {
                    RingFsException failure = translate(call.name(), e);
                    if (failure.code() != ErrorCode.UNAVAILABLE || System.nanoTime() >= deadline) throw failure;
                    sleepBeforeRetry(attempt, failure);
                }
            }
        } finally {
            if (call.mutation()) CURRENT_CALL.remove();
        }
    }

    /** A meta of another cluster than the one this client is pinned to is refused; the first one pins it. */
    private void checkCluster(ClusterMap map) throws RingFsException {
        if (pinning && !map.clusterId().isEmpty() && !cluster.compareAndSet(null, map.clusterId())
                && !cluster.get().equals(map.clusterId())) {
            throw new RingFsException(ErrorCode.WRONG_CLUSTER, "meta server " + address + " is of cluster "
                    + map.clusterId() + ", this client works with cluster " + cluster.get());
        }
    }

    private static void sleepBeforeRetry(int attempt, RingFsException failure) throws RingFsException {
        try {
            Thread.sleep(Math.min(2000, 100L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private RingFsException translate(String method, XmlRpcException e) {
        if (e.code != 0) {
            return new RingFsException(ErrorCode.ofFault(e.code), e.getMessage());
        }
        if (e instanceof XmlRpcHttpTransportException http && http.getStatusCode() == MetaMethods.WRONG_CLUSTER_STATUS) {
            return new RingFsException(ErrorCode.WRONG_CLUSTER, "meta server " + address + " refused " + method
                    + ": it is not of cluster " + cluster.get() + " (started on another store?)");
        }
        if (e instanceof XmlRpcHttpTransportException http && http.getStatusCode() == 401) {
            return new RingFsException(ErrorCode.UNAUTHENTICATED, "meta server " + address + " refused " + method
                    + ": not signed with this cluster's secret, or stale (HTTP 401)");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return new RingFsException(ErrorCode.UNAVAILABLE,
                        "meta server " + address + " unreachable (" + method + "): " + t.getMessage(), e);
            }
        }
        return new RingFsException(ErrorCode.INTERNAL, "meta call " + method + " failed: " + e.getMessage(), e);
    }
}
