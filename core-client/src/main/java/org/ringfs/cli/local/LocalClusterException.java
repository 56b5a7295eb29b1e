package org.ringfs.cli.local;

import java.io.IOException;

/**
 * The local cluster is not in a state the command can work with: already running, not running,
 * never started, or a server that died or did not come up in time.
 */
public class LocalClusterException extends IOException {
    public LocalClusterException(String message) {
        super(message);
    }
}
