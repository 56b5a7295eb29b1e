/** The data server's bootstrap: the store, its block service in the server shell, heartbeats, the reconciler and the scrubber, and its command. */
package org.ringfs.data.server;
