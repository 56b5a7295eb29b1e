package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.link(existing, newPath) -> InodeAttributes} */
final class LinkHandler extends MetaOperation {
    LinkHandler(MetaService meta) { super(MetaMethods.LINK, 2, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.link(p.string(0), p.string(1)).toWire();
    }
}
