package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.removeXattr(path, name) -> true} */
final class RemoveXattrHandler extends MetaOperation {
    RemoveXattrHandler(MetaService meta) { super(MetaMethods.REMOVE_XATTR, 2, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        meta.removeXattr(p.string(0), p.string(1));
        return Boolean.TRUE;
    }
}
