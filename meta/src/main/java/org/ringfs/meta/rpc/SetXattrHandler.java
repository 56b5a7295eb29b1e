package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.setXattr(path, name, base64 value, flags) -> true} */
final class SetXattrHandler extends MetaOperation {
    SetXattrHandler(MetaService meta) { super(MetaMethods.SET_XATTR, 4, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        meta.setXattr(p.string(0), p.string(1), p.bytes(2), p.integer(3));
        return Boolean.TRUE;
    }
}
