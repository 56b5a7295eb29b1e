package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.rmdir(path) -> true} */
final class RmdirHandler extends MetaOperation {
    RmdirHandler(MetaService meta) { super(MetaMethods.RMDIR, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        meta.rmdir(p.string(0));
        return Boolean.TRUE;
    }
}
