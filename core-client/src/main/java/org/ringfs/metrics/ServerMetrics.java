package org.ringfs.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The metrics of one server or front: its own registry (one per server, so servers sharing a JVM
 * in tests never mix their figures), the instruments every server shares, and the JVM's figures
 * (from one registry per process: the client library keeps every registry it fills with them for
 * good, which would keep every stopped server's figures, and their stores, alive).
 * A server registers its own figures in {@link #registry()}. Names follow Prometheus' conventions:
 * the {@code ringfs_} prefix, the base unit in the name, {@code _total} on counters.
 */
public final class ServerMetrics {
    private static final Logger log = LoggerFactory.getLogger(ServerMetrics.class);
    /** Latency buckets, 0.5 ms to 30 s: a cached stat to a block write waiting for a slow disk. */
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5, 5, 10, 30};

    /** The JVM's figures, registered once per process. */
    private static final PrometheusRegistry JVM = new PrometheusRegistry();

    static {
        JvmMetrics.builder().register(JVM);
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram requestDuration;
    private final Counter receivedBytes;
    private final Counter sentBytes;
    private final Counter refusals;

    private ServerMetrics() {
        requests = Counter.builder().name("ringfs_requests_total")
                .help("Requests answered (served or refused), by wire, operation and HTTP status code")
                .labelNames("wire", "operation", "code").register(registry);
        requestDuration = Histogram.builder().name("ringfs_request_duration_seconds").unit(Unit.SECONDS)
                .help("Time from a request's arrival to the end of its reply, by wire and operation")
                .labelNames("wire", "operation").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        receivedBytes = Counter.builder().name("ringfs_received_bytes_total").unit(Unit.BYTES)
                .help("Request body bytes read, by wire and operation")
                .labelNames("wire", "operation").register(registry);
        sentBytes = Counter.builder().name("ringfs_sent_bytes_total").unit(Unit.BYTES)
                .help("Reply body bytes written, by wire and operation")
                .labelNames("wire", "operation").register(registry);
        refusals = Counter.builder().name("ringfs_refused_requests_total")
                .help("Requests refused before they were served, by reason: " + Arrays.stream(Refusal.values())
                        .map(Refusal::label).collect(Collectors.joining(", ")))
                .labelNames("reason").register(registry);
        for (Refusal r : Refusal.values()) refusals.labelValues(r.label()); // at 0, so a first refusal is a rise
    }

    /** A fresh registry with the shared instruments. */
    public static ServerMetrics create() {
        return new ServerMetrics();
    }

    /** The server's own registry, for its own figures. */
    public PrometheusRegistry registry() { return registry; }

    /** What a scrape serves: the server's figures and the JVM's. */
    MetricSnapshots scrape() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        registry.scrape().forEach(all::metricSnapshot);
        JVM.scrape().forEach(all::metricSnapshot);
        return all.build();
    }

    /** One refused request. */
    public void refused(Refusal reason) {
        refusals.labelValues(reason.label()).inc();
    }

    /** One request served: its labels, reply status, duration and body bytes. */
    void served(RequestLabels labels, int status, long nanos, long bytesIn, long bytesOut) {
        String wire = labels.wire();
        String operation = labels.operation();
        requests.labelValues(wire, operation, Integer.toString(status)).inc();
        requestDuration.labelValues(wire, operation).observe(nanos / 1e9);
        if (bytesIn > 0) receivedBytes.labelValues(wire, operation).inc(bytesIn);
        if (bytesOut > 0) sentBytes.labelValues(wire, operation).inc(bytesOut);
    }

    /** A figure a server reads when it is scraped. */
    @FunctionalInterface
    public interface Figure {
        double value() throws Exception;
    }

    /**
     * A gauge read at each scrape. A figure that fails is left out of that scrape (Prometheus sees
     * it absent, which its alerts can tell) and the failure is logged: one bad figure never costs
     * the others. {@code name} carries its unit ({@code _bytes}, {@code _seconds}) where it has one.
     */
    public void gauge(String name, String help, Figure figure) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
            Double v = read(name, figure);
            if (v != null) cb.call(v);
        }).register(registry);
    }

    /** A counter read at each scrape (a running total the server keeps); {@code name} ends in {@code _total}. */
    public void counter(String name, String help, Figure figure) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> {
            Double v = read(name, figure);
            if (v != null) cb.call(v);
        }).register(registry);
    }

    /** A figure this server may not know now (a meta member that is not the master); absent means left out. */
    @FunctionalInterface
    public interface FigureIfKnown {
        java.util.OptionalDouble value() throws Exception;
    }

    /** A gauge read at each scrape, left out of the scrapes in which this server does not know it. */
    public void gaugeIfKnown(String name, String help, FigureIfKnown figure) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
            Double v = read(name, () -> figure.value().orElse(Double.NaN));
            if (v != null && !v.isNaN()) cb.call(v);
        }).register(registry);
    }

    private static Double read(String name, Figure figure) {
        try {
            return figure.value();
        } catch (Exception | LinkageError e) {
            log.warn("metric {} left out of this scrape: {}", name, e.toString());
            return null;
        }
    }
}
