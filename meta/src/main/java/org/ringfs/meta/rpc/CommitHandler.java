package org.ringfs.meta.rpc;

import org.ringfs.api.BlockWrite;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.Wire;

/** {@code ringfs.commit(i8 session, i8 inode, i8 size, i8 mtimeNanos, BlockWrite[]) -> InodeAttributes} */
final class CommitHandler extends MetaOperation {
    CommitHandler(MetaService meta) { super(MetaMethods.COMMIT, 5, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.commit(p.longValue(0), p.longValue(1), p.longValue(2), p.longValue(3),
                Wire.listOf(p.raw(4), BlockWrite::fromWire))
                .toWire();
    }
}
