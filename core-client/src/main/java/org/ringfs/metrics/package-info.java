/**
 * Prometheus metrics, once for every RingFS process: {@link org.ringfs.metrics.ServerMetrics} is a
 * server's or front's registry with the figures every server has (requests per wire and operation,
 * their latency, bytes in and out, refusals, the JVM's own); {@link org.ringfs.metrics.MetricsEndpoint}
 * serves it at {@code GET /metrics} in the text format (behind the bearer token of the cluster
 * secret when there is one); {@link org.ringfs.metrics.RequestMetricsHandler} records every request
 * the server shell takes. A server adds its own figures to the registry (a data server its copies
 * and rebuild, meta its under-replicated blocks, both their JE store through
 * {@link org.ringfs.metrics.JeStoreMetrics}). docs/METRICS.md lists every name.
 */
package org.ringfs.metrics;
