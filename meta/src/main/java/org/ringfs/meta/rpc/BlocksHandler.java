package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.blocks(i8 inode, i8 fromIndex, int maxBlocks) -> FileBlocks} */
final class BlocksHandler extends MetaOperation {
    BlocksHandler(MetaService meta) { super(MetaMethods.BLOCKS, 3, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.blocks(p.longValue(0), p.longValue(1), p.integer(2)).toWire();
    }
}
