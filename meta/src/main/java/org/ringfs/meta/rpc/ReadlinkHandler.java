package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.readlink(path) -> target} */
final class ReadlinkHandler extends MetaOperation {
    ReadlinkHandler(MetaService meta) { super(MetaMethods.READLINK, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.readlink(p.string(0));
    }
}
