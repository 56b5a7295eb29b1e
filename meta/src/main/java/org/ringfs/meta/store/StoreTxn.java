package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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

    /**
     * SHA-256, in hex, over the inodes, entries, blocks and xattrs databases in key order: each
     * database's name, then every record as key length, key, value length, value. Members holding
     * the same namespace and block tables give the same digest.
     */
    String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
        List<Database> tables = List.of(dbs.inodes(), dbs.entries(), dbs.blocks(), dbs.xattrs());
        List<String> names = List.of("inodes", "entries", "blocks", "xattrs");
        ByteBuffer length = ByteBuffer.allocate(4);
        for (int i = 0; i < tables.size(); i++) {
            sha.update(names.get(i).getBytes(StandardCharsets.US_ASCII));
            DatabaseEntry key = new DatabaseEntry();
            DatabaseEntry value = new DatabaseEntry();
            try (Cursor c = tables.get(i).openCursor(txn, null)) {
                while (c.getNext(key, value, LockMode.DEFAULT) == OperationStatus.SUCCESS) {
                    sha.update(length.clear().putInt(key.getSize()).array());
                    sha.update(key.getData(), key.getOffset(), key.getSize());
                    sha.update(length.clear().putInt(value.getSize()).array());
                    sha.update(value.getData(), value.getOffset(), value.getSize());
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
