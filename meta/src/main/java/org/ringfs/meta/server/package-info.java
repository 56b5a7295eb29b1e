/**
 * Bootstrap of meta: opens the store, builds the in-process service, hosts its XML-RPC servlet on
 * Jetty behind a request size limit, and the {@code meta} command of the launcher.
 */
package org.ringfs.meta.server;
