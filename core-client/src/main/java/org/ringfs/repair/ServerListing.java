package org.ringfs.repair;

import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockProtocol;
import org.ringfs.api.BlockService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;

import java.util.List;

/**
 * The copies one data server holds, in key order, fetched a page at a time. A server that does not
 * answer ends its listing and is remembered as unreachable.
 */
final class ServerListing {
    private final String server;
    private final BlockService service;
    private List<StoredBlock> page = List.of();
    private int position;
    private BlockKey after;
    private boolean exhausted;
    private RingFsException failure;

    ServerListing(String server, BlockService service) {
        this.server = server;
        this.service = service;
    }

    /** A listing of a server that could not even be looked up. */
    static ServerListing unreachable(String server, RingFsException failure) {
        ServerListing l = new ServerListing(server, null);
        l.exhausted = true;
        l.failure = failure;
        return l;
    }

    String server() { return server; }

    /**
     * The key a listing starts after so that {@code key} comes first if it is held: keys order by
     * inode, index, then generation, and every part of a key is positive (index: not negative).
     */
    static BlockKey before(BlockKey key) {
        if (key.generation() > 1) return new BlockKey(key.inode(), key.index(), key.generation() - 1);
        if (key.index() > 0) return new BlockKey(key.inode(), key.index() - 1, Long.MAX_VALUE);
        if (key.inode() > 1) return new BlockKey(key.inode() - 1, Long.MAX_VALUE, Long.MAX_VALUE);
        return null; // the first key there can be: list from the start
    }

    /** Why the server stopped answering; null while it answers. */
    RingFsException failure() { return failure; }

    /** The next copy, without taking it; null at the end. */
    StoredBlock peek() {
        if (position < page.size()) return page.get(position);
        if (exhausted) return null;
        try {
            page = service.list(after, BlockProtocol.MAX_LIST_LIMIT);
        } catch (RingFsException e) {
            failure = e;
            page = List.of();
        }
        position = 0;
        if (page.isEmpty()) {
            exhausted = true;
            return null;
        }
        after = page.get(page.size() - 1).key();
        return page.get(0);
    }

    StoredBlock take() {
        StoredBlock b = peek();
        if (b != null) position++;
        return b;
    }

    /** True when the next copy belongs to a block before (inode, index). */
    boolean nextIsBefore(long inode, long index) {
        StoredBlock b = peek();
        return b != null && (b.key().inode() < inode || (b.key().inode() == inode && b.key().index() < index));
    }

    /** True when the next copy belongs to block (inode, index). */
    boolean nextIsOf(long inode, long index) {
        StoredBlock b = peek();
        return b != null && b.key().inode() == inode && b.key().index() == index;
    }
}
