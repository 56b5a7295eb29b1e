package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.rename(from, to) -> FreedBlocks} */
final class RenameHandler extends MetaOperation {
    RenameHandler(MetaService meta) { super(MetaMethods.RENAME, 2, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.rename(p.string(0), p.string(1)).toWire();
    }
}
