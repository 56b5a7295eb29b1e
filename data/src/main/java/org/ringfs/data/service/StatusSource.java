package org.ringfs.data.service;

import org.ringfs.api.DataServerStatus;
import org.ringfs.api.RingFsException;

/** What {@link LocalBlockService#status()} answers: the server assembles it from its store, reconciler and scrubber. */
@FunctionalInterface
public interface StatusSource {
    DataServerStatus status() throws RingFsException;
}
