package org.ringfs.meta.rpc;

import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.Wire;

/** {@code ringfs.list(path) -> DirectoryEntry[]} */
final class ListHandler extends MetaOperation {
    ListHandler(MetaService meta) { super(MetaMethods.LIST, 1, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return Wire.array(meta.list(p.string(0)), DirectoryEntry::toWire);
    }
}
