package org.ringfs.meta.rpc;

import org.ringfs.api.FileType;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.mknod(path, type, mode, rdev, uid, gid) -> InodeAttributes} */
final class MknodHandler extends MetaOperation {
    MknodHandler(MetaService meta) { super(MetaMethods.MKNOD, 6, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.mknod(p.string(0), FileType.ofWire(p.string(1)), p.integer(2), p.integer(3), p.integer(4),
                p.integer(5)).toWire();
    }
}
