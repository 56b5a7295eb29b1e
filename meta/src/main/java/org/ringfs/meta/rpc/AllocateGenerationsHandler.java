package org.ringfs.meta.rpc;

import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

/** {@code ringfs.allocateGenerations(i8 session, int count) -> i8 first generation} */
final class AllocateGenerationsHandler extends MetaOperation {
    AllocateGenerationsHandler(MetaService meta) { super(MetaMethods.ALLOCATE_GENERATIONS, 2, meta); }

    @Override
    Object call(Params p) throws RingFsException {
        return meta.allocateGenerations(p.longValue(0), p.integer(1));
    }
}
