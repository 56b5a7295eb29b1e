package org.ringfs.metrics;

import java.util.function.Function;

/**
 * The wire and operation one request is counted under. {@link RequestMetricsHandler} attaches one
 * to every request as an attribute; the server's own handler names the operation once it knows it
 * (a data server's route, meta's XML-RPC call, the WebDAV method). An operation nobody named is
 * counted as {@value #UNNAMED}. Names come from the server's own tables, never from the request
 * as sent, so the number of label values stays bounded.
 */
public final class RequestLabels {
    /** The request attribute holding a request's labels. */
    static final String ATTRIBUTE = RequestLabels.class.getName();
    /** The operation of a request no handler named (an unknown path, a refused request). */
    public static final String UNNAMED = "other";

    private volatile String wire;
    private volatile String operation = UNNAMED;

    RequestLabels(String wire) {
        this.wire = wire;
    }

    /**
     * The labels of the request whose attributes these are ({@code request::getAttribute} of a
     * Jetty or servlet request); detached labels, counted nowhere, for a request the shell did not
     * take (a handler under test on its own).
     */
    public static RequestLabels of(Function<String, Object> attributes) {
        return attributes.apply(ATTRIBUTE) instanceof RequestLabels labels ? labels : new RequestLabels("");
    }

    /** Names the operation; the last name given counts. */
    public void operation(String name) { this.operation = name; }

    /** Counts the request under another wire than its server's (the metrics endpoint's, meta's binary calls). */
    public void wire(String name) { this.wire = name; }

    String wire() { return wire; }

    String operation() { return operation; }
}
