package org.ringfs.meta.store;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Transaction;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The under-replicated set: key (inode, index) -> {@link UnderReplicated}, plus a by-server index
 * (server name length + name + inode + index -> nothing) kept in the same transaction, so "does any
 * entry name this server" is one key probe instead of a scan of the whole set.
 */
public final class UnderReplicatedTable extends Table {
    private final ByServer byServer;

    UnderReplicatedTable(Database db, Database byServerDb, Transaction txn) {
        super(db, txn);
        this.byServer = new ByServer(byServerDb, txn);
    }

    public UnderReplicated get(long inode, long index) {
        byte[] v = getRaw(BlockCodec.key(inode, index));
        return v == null ? null : UnderReplicated.decode(inode, index, v);
    }

    /** Records (or replaces) the entry of one block. */
    public void put(UnderReplicated entry) {
        delete(entry.inode(), entry.index());
        putRaw(BlockCodec.key(entry.inode(), entry.index()), entry.value());
        for (String server : entry.missing()) byServer.putRaw(ByServer.key(server, entry.inode(), entry.index()), new byte[0]);
    }

    public void delete(long inode, long index) {
        UnderReplicated old = get(inode, index);
        if (old == null) return;
        deleteRaw(BlockCodec.key(inode, index));
        for (String server : old.missing()) byServer.deleteRaw(ByServer.key(server, inode, index));
    }

    /** Deletes the entries of the file's blocks with index >= {@code fromIndex}. */
    public void deleteFrom(long inode, long fromIndex) {
        List<UnderReplicated> doomed = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = cursor()) {
            for (boolean ok = seek(c, key, value, BlockCodec.key(inode, fromIndex));
                 ok && BlockCodec.inodeOf(key.getData()) == inode; ok = next(c, key, value)) {
                doomed.add(UnderReplicated.decode(inode, BlockCodec.indexOf(key.getData()), value.getData()));
            }
        }
        for (UnderReplicated u : doomed) delete(u.inode(), u.index());
    }

    public boolean names(String server) {
        byte[] prefix = ByServer.prefix(server);
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = byServer.cursor()) {
            return seek(c, key, value, prefix) && Codec.startsWith(key.getData(), prefix);
        }
    }

    /**
     * Removes {@code server} from every entry recorded at or before {@code recordedUpToMillis};
     * entries left with no missing server are deleted. Returns how many entries it changed.
     */
    public int clearServer(String server, long recordedUpToMillis) {
        byte[] prefix = ByServer.prefix(server);
        List<long[]> blocks = new ArrayList<>();
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        try (Cursor c = byServer.cursor()) {
            for (boolean ok = seek(c, key, value, prefix); ok && Codec.startsWith(key.getData(), prefix);
                 ok = next(c, key, value)) {
                blocks.add(new long[] {Codec.longAt(key.getData(), prefix.length), Codec.longAt(key.getData(), prefix.length + 8)});
            }
        }
        int changed = 0;
        for (long[] b : blocks) {
            UnderReplicated u = get(b[0], b[1]);
            if (u == null || u.recordedAtMillis() > recordedUpToMillis) continue;
            List<String> rest = new ArrayList<>(u.missing());
            rest.remove(server);
            if (rest.isEmpty()) {
                delete(u.inode(), u.index());
            } else {
                put(new UnderReplicated(u.inode(), u.index(), u.recordedAtMillis(), rest));
            }
            changed++;
        }
        return changed;
    }

    /** The by-server index; its keys order entries by server, then inode, then index. */
    private static final class ByServer extends Table {
        ByServer(Database db, Transaction txn) { super(db, txn); }

        static byte[] prefix(String server) {
            byte[] name = Codec.utf8(server);
            return ByteBuffer.allocate(2 + name.length).putShort((short) name.length).put(name).array();
        }

        static byte[] key(String server, long inode, long index) {
            byte[] p = prefix(server);
            return ByteBuffer.allocate(p.length + 16).put(p).putLong(inode).putLong(index).array();
        }
    }
}
