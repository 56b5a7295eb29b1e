package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.Wire;

/** {@code ringfs.lock(path, exclusive, deep, ownerXml or nil, principal, timeoutSeconds) -> DavLock} */
final class LockHandler extends MetaOperation {
    LockHandler(MetaService meta) { super(MetaMethods.LOCK, 6, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        String owner = p.raw(3) == null ? null : Wire.stringOf(p.raw(3));
        return meta.lock(p.string(0), p.bool(1), p.bool(2), owner, p.string(4), p.longValue(5)).toWire();
    }
}
