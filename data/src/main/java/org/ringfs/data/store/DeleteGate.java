package org.ringfs.data.store;

import org.ringfs.api.RingFsException;

/**
 * Asked before this server deletes a copy on anyone's behalf: throws, saying why, when it may not.
 * A server that runs with meta passes its {@code MetaAuthority}; one without meta deletes freely.
 */
@FunctionalInterface
public interface DeleteGate {
    /** A server without meta: nobody to ask. */
    DeleteGate OPEN = () -> { };

    void check() throws RingFsException;
}
