package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.server.XmlRpcHandlerMapping;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaService;
import org.ringfs.api.Wire;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Routes a method name of {@link org.ringfs.api.MetaMethods} to its handler. Nothing else: no
 * reflection over a service class, so only the methods listed here can ever be called.
 */
public final class MetaDispatcher implements XmlRpcHandlerMapping {
    private final Map<String, MetaOperation> operations = new TreeMap<>();

    private final RetriedCalls retried;

    public MetaDispatcher(MetaService meta) {
        this(meta, new RetriedCalls(RetriedCalls.NONE));
    }

    public MetaDispatcher(MetaService meta, RetriedCalls retried) {
        this.retried = retried;
        List<MetaOperation> all = List.of(
                new ClusterMapHandler(meta), new HeartbeatHandler(meta), new AllocateGenerationsHandler(meta),
                new StatFsHandler(meta), new StatHandler(meta), new InodeHandler(meta), new ListHandler(meta),
                new MkdirHandler(meta), new CreateHandler(meta), new MknodHandler(meta), new SymlinkHandler(meta),
                new ReadlinkHandler(meta), new LinkHandler(meta), new UnlinkHandler(meta), new RmdirHandler(meta),
                new RenameHandler(meta), new SetAttributesHandler(meta), new BlocksHandler(meta),
                new CommitHandler(meta), new TruncateHandler(meta), new ScanBlocksHandler(meta),
                new SetXattrHandler(meta), new GetXattrHandler(meta), new ListXattrsHandler(meta),
                new RemoveXattrHandler(meta), new LockHandler(meta), new RefreshLockHandler(meta),
                new UnlockHandler(meta), new LockByTokenHandler(meta), new LocksHandler(meta),
                new ReleaseLocksHandler(meta),
                // Writer sessions and the data servers' orders: rows, not classes.
                MetaOperation.row(MetaMethods.OPEN_SESSION, 1, meta, (m, p) -> m.openSession(p.string(0))),
                MetaOperation.row(MetaMethods.RENEW_SESSION, 1, meta, (m, p) -> {
                    m.renewSession(p.longValue(0));
                    return true;
                }),
                MetaOperation.row(MetaMethods.CLOSE_SESSION, 1, meta, (m, p) -> {
                    m.closeSession(p.longValue(0));
                    return true;
                }),
                MetaOperation.row(MetaMethods.HOLD_INODE, 2, meta, (m, p) -> {
                    m.holdInode(p.longValue(0), p.longValue(1));
                    return true;
                }),
                MetaOperation.row(MetaMethods.RELEASE_INODES, 2, meta, (m, p) -> {
                    m.releaseInodes(p.longValue(0), Wire.listOf(p.raw(1), Wire::longOf));
                    return true;
                }),
                MetaOperation.row(MetaMethods.LIVE_GENERATIONS, 0, meta, (m, p) -> m.liveGenerations().toWire()),
                MetaOperation.row(MetaMethods.FREED_BLOCKS, 3, meta,
                        (m, p) -> m.freedBlocks(p.string(0), p.longValue(1), p.integer(2)).toWire()),
                MetaOperation.row(MetaMethods.REPLICAS_VERIFIED, 3, meta, (m, p) -> {
                    m.replicasVerified(p.string(0), p.longValue(1), p.longValue(2));
                    return true;
                }),
                MetaOperation.row(MetaMethods.RETIRE, 1, meta, (m, p) -> m.retire(p.string(0)).toWire()),
                MetaOperation.row(MetaMethods.DRAIN_REPORT, 3, meta,
                        (m, p) -> m.drainReport(p.string(0), p.longValue(1), p.longValue(2))));
        for (MetaOperation op : all) {
            if (operations.put(op.method(), op) != null) throw new IllegalStateException("two handlers for " + op.method());
        }
    }

    /** The method names this dispatcher serves. */
    public Set<String> methods() { return operations.keySet(); }

    @Override
    public XmlRpcHandler getHandler(String method) throws XmlRpcException {
        XmlRpcHandler h = method == null ? null : operations.get(method);
        if (h == null) throw Faults.of(ErrorCode.UNKNOWN_METHOD, "no method '" + method + "' on meta");
        return retried.guard(method, h);
    }
}
