/** The data server's bootstrap: the store, Jetty, heartbeats, the reconciler and the scrubber, and its command. */
package org.ringfs.data.server;
