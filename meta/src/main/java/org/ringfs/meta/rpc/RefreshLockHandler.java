package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.refreshLock(token, timeoutSeconds) -> DavLock} */
final class RefreshLockHandler extends MetaOperation {
    RefreshLockHandler(MetaService meta) { super(MetaMethods.REFRESH_LOCK, 2, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.refreshLock(p.string(0), p.longValue(1)).toWire();
    }
}
