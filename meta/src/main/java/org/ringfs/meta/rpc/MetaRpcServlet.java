package org.ringfs.meta.rpc;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ringfs.api.MetaMethods;
import org.ringfs.metrics.RequestLabels;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The servlet at MetaMethods.PATH: every POST is one XML-RPC call; other methods get 405. A call
 * naming another cluster ({@link MetaMethods#CLUSTER_HEADER}) is refused with 421 before it is read
 * as XML: this meta does not speak for that cluster.
 */
public final class MetaRpcServlet extends HttpServlet {
    /** The labels of the request this thread serves, for its call to name (one call per request, on this thread). */
    private static final ThreadLocal<RequestLabels> LABELS = new ThreadLocal<>();

    private final transient MetaRpcServer server;
    private final String clusterId;

    /** @param calls the call table, shared with the binary wire's servlet (one retry guard for both) */
    public MetaRpcServlet(MetaDispatcher calls, String clusterId) {
        this.server = new MetaRpcServer(calls);
        this.clusterId = clusterId;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (refusedAsOtherCluster(request, response, clusterId)) return;
        serving(request, null);
        try {
            server.execute(request, response);
        } finally {
            served();
        }
    }

    /**
     * Answers a call naming another cluster ({@link MetaMethods#CLUSTER_HEADER}) with 421 before
     * its body is read as a call: this meta does not speak for that cluster. True when it did.
     */
    static boolean refusedAsOtherCluster(HttpServletRequest request, HttpServletResponse response, String clusterId)
            throws IOException {
        String named = request.getHeader(MetaMethods.CLUSTER_HEADER);
        if (named == null || named.equals(clusterId)) return false;
        request.getInputStream().transferTo(OutputStream.nullOutputStream()); // the connection stays usable
        response.setStatus(MetaMethods.WRONG_CLUSTER_STATUS);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write("this meta is of cluster " + clusterId + ", not " + named + "\n");
        return true;
    }

    /**
     * This thread serves {@code request}: its call's name (for retries) and its metrics labels,
     * counted under {@code wire} when not null (else the server's own, xmlrpc).
     */
    static void serving(HttpServletRequest request, String wire) {
        RetriedCalls.named(request.getHeader(MetaMethods.CALL_HEADER));
        RequestLabels labels = RequestLabels.of(request::getAttribute);
        if (wire != null) labels.wire(wire);
        LABELS.set(labels);
    }

    static void served() {
        LABELS.remove();
        RetriedCalls.named(null);
    }

    /** Counts the request this thread serves as the call {@code name} (a row of the call table). */
    static void callNamed(String name) {
        RequestLabels labels = LABELS.get();
        if (labels != null) labels.operation(name);
    }
}
