package org.ringfs.data.http;

import org.ringfs.api.DataServerStatus;
import org.ringfs.api.RingFsException;

/** Where GET /status comes from: the server assembles it from its store, reconciler and scrubber. */
@FunctionalInterface
public interface StatusSource {
    DataServerStatus status() throws RingFsException;
}
