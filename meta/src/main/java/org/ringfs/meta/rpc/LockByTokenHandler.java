package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.lockByToken(token) -> DavLock} */
final class LockByTokenHandler extends MetaOperation {
    LockByTokenHandler(MetaService meta) { super(MetaMethods.LOCK_BY_TOKEN, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.lockByToken(p.string(0)).toWire();
    }
}
