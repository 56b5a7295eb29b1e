package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.create(path, mode, uid, gid, exclusive) -> InodeAttributes} */
final class CreateHandler extends MetaOperation {
    CreateHandler(MetaService meta) { super(MetaMethods.CREATE, 5, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.create(p.string(0), p.integer(1), p.integer(2), p.integer(3), p.bool(4)).toWire();
    }
}
