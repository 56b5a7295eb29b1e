package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.unlink(path) -> FreedBlocks} */
final class UnlinkHandler extends MetaOperation {
    UnlinkHandler(MetaService meta) { super(MetaMethods.UNLINK, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.unlink(p.string(0)).toWire();
    }
}
