/**
 * The server shell every RingFS server runs in (as Apache Ozone's servers extend BaseHttpServer):
 * one Jetty server with its connector (plain or TLS), the request metrics and {@code GET /metrics}
 * ({@link org.ringfs.metrics}), the request size limit, the signature check, coded refusals, the
 * refusal log and the plain error page, plus the {@code --listen}/{@code --secret-file}/{@code --tls-*}
 * options. A server brings only its own handler (meta's XML-RPC servlet, a data server's block
 * router, the WebDAV front's Milton servlet) and its own keys.
 */
package org.ringfs.server;
