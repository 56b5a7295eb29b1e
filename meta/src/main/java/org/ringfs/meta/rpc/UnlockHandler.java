package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.unlock(token) -> boolean} */
final class UnlockHandler extends MetaOperation {
    UnlockHandler(MetaService meta) { super(MetaMethods.UNLOCK, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.unlock(p.string(0));
    }
}
