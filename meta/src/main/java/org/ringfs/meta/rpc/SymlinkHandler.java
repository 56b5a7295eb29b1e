package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.symlink(path, target, uid, gid) -> InodeAttributes} */
final class SymlinkHandler extends MetaOperation {
    SymlinkHandler(MetaService meta) { super(MetaMethods.SYMLINK, 4, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.symlink(p.string(0), p.string(1), p.integer(2), p.integer(3)).toWire();
    }
}
