package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.getXattr(path, name) -> base64 value} */
final class GetXattrHandler extends MetaOperation {
    GetXattrHandler(MetaService meta) { super(MetaMethods.GET_XATTR, 2, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.getXattr(p.string(0), p.string(1));
    }
}
