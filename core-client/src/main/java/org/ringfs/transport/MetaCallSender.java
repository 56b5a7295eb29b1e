package org.ringfs.transport;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaCalls;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaRedirect;
import org.ringfs.api.RingFsException;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a {@link MetaClient} does with a call: encodes it by its table row, names it when it
 * mutates, sends it to the meta member the {@link MetaRoute} holds for master (following a member
 * that names another master, and searching the members while none is known: {@link MasterSearch}),
 * turns a fault or a refusal back into a RingFsException, and decodes the reply. Every try of one
 * call carries the same name, on every member. Every ClusterMap a reply carries checks the cluster
 * the client is pinned to, whichever member sent it.
 */
final class MetaCallSender implements InvocationHandler {
    /** How long a client of a meta group looks for a master before a call fails, unless told otherwise. */
    static final Duration DEFAULT_FAILOVER_WINDOW = Duration.ofSeconds(30);
    /** A group member's TCP connect takes at most this long (replies still get the call timeout). */
    static final Duration GROUP_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final MetaRoute route;
    private final Duration timeout;
    private final RequestSigner signer;
    private final SSLContext tls;
    /** The wire calls go on: binary, or XML-RPC once {@link MetaClient#speakingXmlRpc()} says so. */
    private volatile MetaWire wire;
    /** The cluster id every call names (null: none yet); see {@link MetaClient#pinnedToFirstCluster()}. */
    private final AtomicReference<String> cluster = new AtomicReference<>();
    private volatile boolean pinning;
    /** The name of the mutating call this thread is sending (the same on every try of it). */
    private static final ThreadLocal<String> CURRENT_CALL = new ThreadLocal<>();
    /** This client's part of its call names: random, so two processes never share one. */
    private final String callPrefix = Long.toHexString(new SecureRandom().nextLong()) + ":";
    private final AtomicLong calls = new AtomicLong();
    private volatile Duration retryWindow = Duration.ZERO;
    private volatile Duration failoverWindow = DEFAULT_FAILOVER_WINDOW;

    /** @param addresses one HOST:PORT, or a comma-separated list of the meta group's members */
    MetaCallSender(String addresses, Duration timeout, RequestSigner signer, SSLContext tls) {
        this.route = new MetaRoute(MetaAddresses.parse(addresses, "meta address"));
        this.timeout = timeout;
        this.signer = signer;
        this.tls = tls;
        BinaryMetaWire binary = new BinaryMetaWire(signer, tls, connectTimeout(), timeout, cluster::get, CURRENT_CALL::get);
        for (String member : route.members()) binary.uri(member); // a bad address fails here, not at the first call
        this.wire = binary;
    }

    /** A member whose host is down must not hold a group's failover up for a whole call timeout. */
    private Duration connectTimeout() {
        return route.group() && timeout.compareTo(GROUP_CONNECT_TIMEOUT) > 0 ? GROUP_CONNECT_TIMEOUT : timeout;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == MetaClient.class) return clientSetting(proxy, method, args);
        if (method.getDeclaringClass() == Object.class) return objectMethod(proxy, method, args);
        MetaCall call = MetaCalls.of(method);
        Answer answer = send(call, call.encodeArguments(args));
        Object result = call.decodeReply(answer.reply());
        if (result instanceof ClusterMap map) checkCluster(map, answer.member());
        return result;
    }

    private Object clientSetting(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "address":
                return route.current();
            case "members":
                return route.members();
            case "pinnedToFirstCluster":
                pinning = true;
                return proxy;
            case "speakingXmlRpc":
                wire = new XmlRpcMetaWire(signer, tls, connectTimeout(), timeout, cluster::get, CURRENT_CALL::get);
                return proxy;
            case "retryingFor":
                retryWindow = nonNegative((Duration) args[0], "retry window");
                return proxy;
            case "failingOverFor":
                failoverWindow = nonNegative((Duration) args[0], "failover window");
                return proxy;
            default:
                throw new UnsupportedOperationException("MetaClient." + method.getName());
        }
    }

    private static Duration nonNegative(Duration d, String what) {
        if (d == null || d.isNegative()) throw new IllegalArgumentException(what + " must be 0 or more, not " + d);
        return d;
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "MetaClient[" + route + "]";
            default:
                throw new UnsupportedOperationException("Object." + method.getName());
        }
    }

    /** A reply and the member that sent it. */
    private record Answer(Object reply, String member) {}

    private Answer send(MetaCall call, Object[] params) throws RingFsException {
        if (call.mutation()) CURRENT_CALL.set(callPrefix + calls.incrementAndGet());
        try {
            MasterSearch search = new MasterSearch(route, window());
            String member = search.first();
            while (true) {
                try {
                    Object reply = wire.execute(member, call.name(), params);
                    route.answeredBy(member);
                    return new Answer(reply, member);
                } catch (XmlRpcException e) {
                    RingFsException failure = translate(member, call.name(), e);
                    if (failure.code() == ErrorCode.NOT_MASTER) {
                        Optional<String> master = MetaRedirect.master(failure).filter(MetaAddresses::isHostPort);
                        Optional<String> hop = master.isPresent() ? search.redirected(member, master.get()) : Optional.empty();
                        if (hop.isPresent()) {
                            member = hop.get();
                        } else {
                            member = search.refused(member, master.map(m -> "not master (names " + m + ")")
                                    .orElse("not master (no master known)"), failure);
                        }
                    } else if (failure.code() == ErrorCode.UNAVAILABLE && e.code != 0) {
                        // Meta answered UNAVAILABLE itself (a busy store): tried again, like a restart.
                        member = search.refused(member, "unavailable (" + failure.getMessage() + ")", failure);
                    } else if (failure.code() == ErrorCode.UNAVAILABLE) {
                        member = search.unreachable(member, reason(e), failure);
                    } else {
                        throw failure;
                    }
                }
            }
        } finally {
            if (call.mutation()) CURRENT_CALL.remove();
        }
    }

    /** A lone meta is waited for as long as the retry window says; a group is searched for its failover window at least. */
    private Duration window() {
        Duration retry = retryWindow;
        if (!route.group()) return retry;
        Duration failover = failoverWindow;
        return retry.compareTo(failover) > 0 ? retry : failover;
    }

    /** A meta of another cluster than the one this client is pinned to is refused; the first one pins it. */
    private void checkCluster(ClusterMap map, String member) throws RingFsException {
        if (pinning && !map.clusterId().isEmpty() && !cluster.compareAndSet(null, map.clusterId())
                && !cluster.get().equals(map.clusterId())) {
            throw new RingFsException(ErrorCode.WRONG_CLUSTER, "meta server " + member + " is of cluster "
                    + map.clusterId() + ", this client works with cluster " + cluster.get());
        }
    }

    /** What made a call fail to reach a member: the message of the first IOException in the chain. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private RingFsException translate(String address, String method, XmlRpcException e) {
        if (e.code != 0) {
            return new RingFsException(ErrorCode.ofFault(e.code), e.getMessage());
        }
        if (e instanceof XmlRpcHttpTransportException http && http.getStatusCode() == MetaMethods.WRONG_CLUSTER_STATUS) {
            return new RingFsException(ErrorCode.WRONG_CLUSTER, "meta server " + address + " refused " + method
                    + ": it is not of cluster " + cluster.get() + " (started on another store?)");
        }
        if (e instanceof XmlRpcHttpTransportException http && http.getStatusCode() == 503) {
            return new RingFsException(ErrorCode.UNAVAILABLE, "meta server " + address + " is busy (" + method
                    + ": HTTP 503); try again");
        }
        if (e instanceof XmlRpcHttpTransportException http && http.getStatusCode() == 401) {
            return new RingFsException(ErrorCode.UNAUTHENTICATED, "meta server " + address + " refused " + method
                    + ": not signed with this cluster's secret, or stale (HTTP 401)");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof XmlRpcHardening.UnpairedSurrogateException bad) {
                // Never sent: a name or value that is not Unicode text (invalid UTF-16 in a Java String).
                return new RingFsException(ErrorCode.INVALID, "meta call " + method + " not sent: " + bad.getMessage());
            }
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
