package org.ringfs.client;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockScanPage;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlock;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.FileType;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.GenerationRange;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.NameRemoved;
import org.ringfs.api.InodeHold;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingEpoch;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.api.ServerVitals;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StatFs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory meta server for client tests: a flat namespace of paths, block tables with meta's
 * commit and truncate rules (CONFLICT on a moved base, and on a generation not above it). It
 * models only the calls the client library makes; {@link #service()} answers any other call
 * NOT_SUPPORTED, so a new MetaService call needs nothing here unless a client test uses it.
 */
public final class FakeMeta {
    private final int blockSize;
    private final List<String> ring = new ArrayList<>();
    private final java.util.Set<String> retiring = new java.util.HashSet<>();
    private long epoch = 1;
    /** Meta's ring history: an entry each time the placement members change. */
    private final List<RingEpoch> history = new ArrayList<>();
    /** Commit blocks without the writer's epoch, as a meta from before epochs stored them. */
    private boolean forgetEpochs;
    private final Map<String, Long> names = new TreeMap<>();
    private final Map<Long, Inode> inodes = new TreeMap<>();
    private long nextInode = 2;
    private long nextGeneration = 1;
    private long sessions;
    public final AtomicInteger commits = new AtomicInteger();
    public final AtomicInteger conflicts = new AtomicInteger();

    private static final class Inode {
        final long id;
        final FileType type;
        long size;
        long mtime;
        final TreeMap<Long, BlockInfo> blocks = new TreeMap<>();

        Inode(long id, FileType type) {
            this.id = id;
            this.type = type;
        }

        InodeAttributes attributes() {
            return new InodeAttributes(id, type, 0644, 0, 0, size, 1, mtime, mtime, mtime, 0);
        }
    }

    public FakeMeta(int blockSize, List<String> ring) {
        this.blockSize = blockSize;
        this.ring.addAll(ring);
        notePlacement();
        inodes.put(1L, new Inode(1, FileType.DIRECTORY));
        names.put("/", 1L);
    }

    /** This fake as a MetaService: each call runs the method of the same name and parameters here. */
    public MetaService service() {
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0] : method.invoke(this, args);
                    }
                    Method own;
                    try {
                        own = FakeMeta.class.getMethod(method.getName(), method.getParameterTypes());
                    } catch (NoSuchMethodException e) {
                        throw new RingFsException(ErrorCode.NOT_SUPPORTED, "FakeMeta does not model " + method.getName());
                    }
                    try {
                        return own.invoke(this, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Meta's current block table of an inode (for assertions). */
    public synchronized List<BlockInfo> blockTable(long inode) {
        return new ArrayList<>(inodes.get(inode).blocks.values());
    }

    public synchronized ClusterMap clusterMap() {
        List<ServerInfo> servers = new ArrayList<>();
        for (String n : ring) {
            servers.add(new ServerInfo(n, n, true, 0, ServerVitals.NONE, retiring.contains(n), ServerInfo.DRAIN_UNKNOWN));
        }
        return new ClusterMap(epoch, blockSize, servers, 0, "test-cluster", true, "", history);
    }

    /** Records every block as moved to the current ring, as meta does once every placement server verified it. */
    public synchronized void recordEveryBlockMoved() {
        for (Inode i : inodes.values()) i.blocks.replaceAll((index, b) -> b.withEpoch(epoch));
    }

    /** From now on blocks are committed with no epoch (rows written before meta kept epochs). */
    public synchronized void forgetEpochs() { forgetEpochs = true; }

    private void notePlacement() {
        List<String> members = ring.stream().filter(n -> !retiring.contains(n)).toList();
        if (history.isEmpty() || !history.get(history.size() - 1).members().equals(members)) {
            history.add(new RingEpoch(epoch, members));
        }
    }

    /** A data server joins the ring (a new epoch), as its first heartbeat would make it. */
    public synchronized void join(String name) {
        ring.add(name);
        epoch++;
        notePlacement();
    }

    public synchronized ClusterMap retire(String server) throws RingFsException {
        if (!ring.contains(server)) throw new RingFsException(ErrorCode.NOT_FOUND, server + " is not in the ring");
        if (retiring.add(server)) epoch++;
        notePlacement();
        return clusterMap();
    }

    public synchronized boolean drainReport(String server, long atEpoch, long copiesLeft) throws RingFsException {
        if (!retiring.contains(server)) throw new RingFsException(ErrorCode.INVALID, server + " is not retiring");
        if (copiesLeft > 0 || atEpoch != epoch) return false;
        ring.remove(server);
        retiring.remove(server);
        epoch++;
        notePlacement();
        return true;
    }

    public synchronized long allocateGenerations(long session, int count) {
        long first = nextGeneration;
        nextGeneration += count;
        return first;
    }

    /** Sessions never end here: every generation handed out stays pending. */
    public synchronized long openSession(String client) { return ++sessions; }

    public void renewSession(long session) { }

    public void closeSession(long session) { }

    /** Holds are not modelled here: nothing is freed while open in this fake (unlink drops the name only). */
    public void holdInode(long session, long inode, long hold) throws RingFsException { inodeById(inode); }

    public InodeAttributes createHeld(long session, long hold, String path, int mode, int uid, int gid, boolean exclusive)
            throws RingFsException {
        return create(path, mode, uid, gid, exclusive);
    }

    public void releaseInodes(long session, List<InodeHold> holds) { }

    public synchronized LiveGenerations liveGenerations() {
        return new LiveGenerations(nextGeneration, nextGeneration > 1 ? List.of(new GenerationRange(1, nextGeneration)) : List.of(), 0);
    }

    public StatFs statfs() {
        return new StatFs(blockSize, 1L << 40, 1L << 39, inodes.size());
    }

    public synchronized InodeAttributes stat(String path) throws RingFsException {
        return node(path).attributes();
    }

    public synchronized InodeAttributes inode(long id) throws RingFsException {
        return inodeById(id).attributes();
    }

    public synchronized List<DirectoryEntry> list(String path) throws RingFsException {
        node(path);
        String prefix = path.equals("/") ? "/" : path + "/";
        List<DirectoryEntry> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : names.entrySet()) {
            String p = e.getKey();
            if (p.startsWith(prefix) && p.length() > prefix.length() && p.indexOf('/', prefix.length()) < 0) {
                out.add(new DirectoryEntry(p.substring(prefix.length()), inodes.get(e.getValue()).attributes()));
            }
        }
        return out;
    }

    public synchronized InodeAttributes mkdir(String path, int mode, int uid, int gid) throws RingFsException {
        if (names.containsKey(path)) throw new RingFsException(ErrorCode.EXISTS, path);
        return add(path, FileType.DIRECTORY).attributes();
    }

    public synchronized InodeAttributes create(String path, int mode, int uid, int gid, boolean exclusive) throws RingFsException {
        Long existing = names.get(path);
        if (existing != null) {
            if (exclusive) throw new RingFsException(ErrorCode.EXISTS, path);
            Inode i = inodes.get(existing);
            if (i.type == FileType.DIRECTORY) throw new RingFsException(ErrorCode.IS_DIRECTORY, path);
            return i.attributes();
        }
        return add(path, FileType.FILE).attributes();
    }

    private static String parentOf(String path) {
        return path.substring(0, Math.max(1, path.lastIndexOf('/')));
    }

    private Inode add(String path, FileType type) throws RingFsException {
        String parent = parentOf(path);
        if (node(parent).type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, parent);
        Inode i = new Inode(nextInode++, type);
        inodes.put(i.id, i);
        names.put(path, i.id);
        return i;
    }

    public synchronized NameRemoved unlink(String path) throws RingFsException {
        Inode i = node(path);
        if (i.type == FileType.DIRECTORY) throw new RingFsException(ErrorCode.IS_DIRECTORY, path);
        names.remove(path);
        inodes.remove(i.id);
        return new NameRemoved(node(parentOf(path)).attributes(),
                i.blocks.isEmpty() ? FreedBlocks.NONE : new FreedBlocks(i.id, 0, i.blocks.lastKey() + 1));
    }

    public synchronized NameRemoved rmdir(String path) throws RingFsException {
        Inode i = node(path);
        if (i.type != FileType.DIRECTORY) throw new RingFsException(ErrorCode.NOT_DIRECTORY, path);
        if (!list(path).isEmpty()) throw new RingFsException(ErrorCode.NOT_EMPTY, path);
        names.remove(path);
        inodes.remove(i.id);
        return new NameRemoved(node(parentOf(path)).attributes(), FreedBlocks.NONE);
    }

    public synchronized FreedBlocks rename(String from, String to) throws RingFsException {
        Inode moved = node(from);
        FreedBlocks freed = FreedBlocks.NONE;
        if (names.containsKey(to)) freed = unlink(to).freed();
        names.remove(from);
        names.put(to, moved.id);
        return freed;
    }

    public InodeAttributes setAttributes(String path, SetAttributes changes) throws RingFsException {
        return stat(path);
    }

    public synchronized FileBlocks blocks(long inode, long fromIndex, int maxBlocks) throws RingFsException {
        Inode i = inodeById(inode);
        List<BlockInfo> out = new ArrayList<>();
        long next = -1;
        for (BlockInfo b : i.blocks.tailMap(fromIndex, true).values()) {
            if (out.size() == maxBlocks) {
                next = b.index();
                break;
            }
            out.add(b);
        }
        return new FileBlocks(inode, i.size, out, next);
    }

    public synchronized InodeAttributes commit(long session, long inode, long size, long mtimeNanos, List<BlockWrite> writes)
            throws RingFsException {
        Inode i = inodeById(inode);
        for (BlockWrite w : writes) {
            BlockInfo current = i.blocks.get(w.block().index());
            long currentGeneration = current == null ? 0 : current.generation();
            if (w.baseGeneration() != currentGeneration || w.block().generation() <= currentGeneration) {
                conflicts.incrementAndGet();
                throw new RingFsException(ErrorCode.CONFLICT, "block " + w.block().index() + " is at generation "
                        + currentGeneration + ", not " + w.baseGeneration());
            }
        }
        for (BlockWrite w : writes) i.blocks.put(w.block().index(), recorded(w.block()));
        i.size = Math.max(i.size, size);
        i.mtime = mtimeNanos;
        commits.incrementAndGet();
        return i.attributes();
    }

    public synchronized InodeAttributes commitAppend(long session, long inode, long fromSize, long size, long mtimeNanos,
                                                     List<BlockWrite> writes) throws RingFsException {
        Inode i = inodeById(inode);
        if (i.size != fromSize) {
            conflicts.incrementAndGet();
            throw new RingFsException(ErrorCode.CONFLICT, "inode " + inode + " ends at " + i.size + ", not " + fromSize);
        }
        return commit(session, inode, size, mtimeNanos, writes);
    }

    public synchronized FreedBlocks truncate(long session, long inode, long size, BlockWrite lastBlock) throws RingFsException {
        Inode i = inodeById(inode);
        if (lastBlock != null) {
            BlockInfo current = i.blocks.get(lastBlock.block().index());
            long currentGeneration = current == null ? 0 : current.generation();
            if (lastBlock.baseGeneration() != currentGeneration || lastBlock.block().generation() <= currentGeneration) {
                conflicts.incrementAndGet();
                throw new RingFsException(ErrorCode.CONFLICT, "last block moved");
            }
        }
        long keep = size == 0 ? 0 : (size - 1) / blockSize + 1;
        FreedBlocks freed = FreedBlocks.NONE;
        if (!i.blocks.tailMap(keep, true).isEmpty()) freed = new FreedBlocks(inode, keep, i.blocks.lastKey() + 1);
        i.blocks.tailMap(keep, true).clear();
        if (lastBlock != null) i.blocks.put(lastBlock.block().index(), recorded(lastBlock.block()));
        i.size = size;
        return freed;
    }

    private BlockInfo recorded(BlockInfo written) {
        return forgetEpochs ? written.withEpoch(BlockInfo.UNKNOWN_EPOCH) : written;
    }

    public synchronized BlockScanPage scanBlocks(long afterInode, long afterIndex, int maxBlocks) {
        List<FileBlock> out = new ArrayList<>();
        for (Inode i : inodes.values()) {
            if (i.id < afterInode) continue;
            for (BlockInfo b : i.blocks.values()) {
                if (i.id == afterInode && b.index() <= afterIndex) continue;
                if (out.size() == maxBlocks) return new BlockScanPage(out, false, System.currentTimeMillis());
                out.add(new FileBlock(i.id, b));
            }
        }
        return new BlockScanPage(out, true, System.currentTimeMillis());
    }

    private Inode node(String path) throws RingFsException {
        Long id = names.get(path);
        if (id == null) throw RingFsException.notFound(path);
        return inodes.get(id);
    }

    private Inode inodeById(long id) throws RingFsException {
        Inode i = inodes.get(id);
        if (i == null) throw new RingFsException(ErrorCode.STALE, "inode " + id + " is gone");
        return i;
    }

    /** {@code meta}, counting its calls by method name into {@code calls}. */
    public static MetaService counting(MetaService meta, Map<String, AtomicInteger> calls) {
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(meta, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
