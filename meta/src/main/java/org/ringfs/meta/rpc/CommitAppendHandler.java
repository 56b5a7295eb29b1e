package org.ringfs.meta.rpc;

import org.ringfs.api.BlockWrite;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.Wire;

/** {@code ringfs.commitAppend(i8 session, i8 inode, i8 fromSize, i8 size, i8 mtimeNanos, BlockWrite[]) -> InodeAttributes} */
final class CommitAppendHandler extends MetaOperation {
    CommitAppendHandler(MetaService meta) { super(MetaMethods.COMMIT_APPEND, 6, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.commitAppend(p.longValue(0), p.longValue(1), p.longValue(2), p.longValue(3), p.longValue(4),
                Wire.listOf(p.raw(5), BlockWrite::fromWire))
                .toWire();
    }
}
