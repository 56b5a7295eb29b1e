package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.mkdir(path, mode, uid, gid) -> InodeAttributes} */
final class MkdirHandler extends MetaOperation {
    MkdirHandler(MetaService meta) { super(MetaMethods.MKDIR, 4, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.mkdir(p.string(0), p.integer(1), p.integer(2), p.integer(3)).toWire();
    }
}
