package org.ringfs.meta.store;

import com.sleepycat.je.Transaction;

/** The tables of the meta store as one transaction sees them. Valid only inside its {@link TxnWork}. */
public final class StoreTxn {
    private final MetaStore.Databases dbs;
    private final Transaction txn;

    StoreTxn(MetaStore.Databases dbs, Transaction txn) {
        this.dbs = dbs;
        this.txn = txn;
    }

    public InodeTable inodes() { return new InodeTable(dbs.inodes(), txn); }

    public EntryTable entries() { return new EntryTable(dbs.entries(), txn); }

    public BlockRowTable blocks() { return new BlockRowTable(dbs.blocks(), txn); }

    public XattrTable xattrs() { return new XattrTable(dbs.xattrs(), txn); }

    public ClusterTable cluster() { return new ClusterTable(dbs.cluster(), txn); }

    public UnderReplicatedTable underReplicated() {
        return new UnderReplicatedTable(dbs.underReplicated(), dbs.underReplicatedByServer(), txn);
    }

    public LockTable locks() { return new LockTable(dbs.locks(), txn); }

    public SessionTable sessions() { return new SessionTable(dbs.sessions(), dbs.sessionRanges(), txn); }

    public FreedTable freed() { return new FreedTable(dbs.freed(), dbs.freedByInode(), txn); }

    public HoldTable holds() { return new HoldTable(dbs.holds(), dbs.holdsBySession(), txn); }

    public CallReplies replies() { return new CallReplies(dbs.replies(), dbs.repliesByTime(), txn); }
}
