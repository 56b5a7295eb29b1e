/**
 * Bootstrap of meta: opens the store, builds the in-process service, hosts its XML-RPC servlet in
 * the server shell ({@code org.ringfs.server}), and the {@code meta} command of the launcher.
 */
package org.ringfs.meta.server;
