package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.listXattrs(path) -> string[]} */
final class ListXattrsHandler extends MetaOperation {
    ListXattrsHandler(MetaService meta) { super(MetaMethods.LIST_XATTRS, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.listXattrs(p.string(0)).toArray();
    }
}
