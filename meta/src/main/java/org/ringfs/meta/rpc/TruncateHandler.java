package org.ringfs.meta.rpc;

import org.ringfs.api.BlockWrite;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.util.Map;

/** {@code ringfs.truncate(i8 session, i8 inode, i8 size, BlockWrite or empty struct) -> FreedBlocks} */
final class TruncateHandler extends MetaOperation {
    TruncateHandler(MetaService meta) { super(MetaMethods.TRUNCATE, 4, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        Map<String, Object> last = p.struct(3);
        BlockWrite lastBlock = last.isEmpty() ? null : BlockWrite.fromWire(last);
        return meta.truncate(p.longValue(0), p.longValue(1), p.longValue(2), lastBlock).toWire();
    }
}
