package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.releaseLocks(path) -> true} (XML-RPC has no void) */
final class ReleaseLocksHandler extends MetaOperation {
    ReleaseLocksHandler(MetaService meta) { super(MetaMethods.RELEASE_LOCKS, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        meta.releaseLocks(p.string(0));
        return true;
    }
}
