package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.scanBlocks(i8 afterInode, i8 afterIndex, int maxBlocks) -> BlockScanPage} */
final class ScanBlocksHandler extends MetaOperation {
    ScanBlocksHandler(MetaService meta) { super(MetaMethods.SCAN_BLOCKS, 3, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.scanBlocks(p.longValue(0), p.longValue(1), p.integer(2)).toWire();
    }
}
