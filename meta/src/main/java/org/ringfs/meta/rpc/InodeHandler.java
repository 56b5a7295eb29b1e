package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.inode(i8 id) -> InodeAttributes} */
final class InodeHandler extends MetaOperation {
    InodeHandler(MetaService meta) { super(MetaMethods.INODE, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.inode(p.longValue(0)).toWire();
    }
}
