package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;

/** {@code ringfs.setAttributes(path, SetAttributes) -> InodeAttributes} */
final class SetAttributesHandler extends MetaOperation {
    SetAttributesHandler(MetaService meta) { super(MetaMethods.SET_ATTRIBUTES, 2, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.setAttributes(p.string(0), SetAttributes.fromWire(p.raw(1))).toWire();
    }
}
