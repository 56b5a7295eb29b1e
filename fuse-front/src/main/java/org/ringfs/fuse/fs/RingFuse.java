package org.ringfs.fuse.fs;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.types.dev_t;
import jnr.ffi.types.gid_t;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.uid_t;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.client.OpenFile;
import org.ringfs.client.ReadTarget;
import org.ringfs.client.RingFileSystem;
import org.ringfs.client.StatAhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.serce.jnrfuse.FuseException;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseContext;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RingFS as a FUSE file system: each kernel request becomes calls on a {@link RingFileSystem}.
 * Paths arrive absolute from libfuse's high-level API. Reads and writes go through per-open
 * handles ({@link OpenHandles}); the client buffers whole blocks, so nothing is buffered here.
 */
public final class RingFuse extends FuseStubFS {
    private static final Logger log = LoggerFactory.getLogger(RingFuse.class);

    /** utimensat(2)'s special nanosecond values. */
    static final long UTIME_NOW = (1L << 30) - 1;
    static final long UTIME_OMIT = (1L << 30) - 2;
    /** fallocate(2)'s mode bit that leaves the size as it is (linux/falloc.h). */
    static final int FALLOC_FL_KEEP_SIZE = 0x01;
    /** chown(2)'s "leave unchanged" id, as the kernel passes an unsigned (uid_t) -1. */
    private static final int UNCHANGED_ID = -1;

    private final RingFileSystem fs;
    private final Runnable onMounted;
    private final OpenHandles handles = new OpenHandles();
    /** The libfuse hidden names of this mount's open files whose last name went here. */
    private final HiddenNames hidden = new HiddenNames();
    /**
     * Paths an open here found gone at meta though a file is open under them on this mount, and
     * until when (System.nanoTime) they are not answered by that open file (see {@link #openUnder}).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> foundGone = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * libfuse's hide of an open file for a rename over it, whose change at meta waits for that rename,
     * which libfuse asks next in the same thread: one rename at meta replaces the file atomically.
     */
    private record PendingHide(String path, String hiddenPath, long inode) {}
    private final ThreadLocal<PendingHide> pendingHide = new ThreadLocal<>();
    /** How long a path an open found gone stays gone to lookups: the kernel's retry takes milliseconds. */
    private static final long FOUND_GONE_NANOS = 1_000_000_000L;
    private final AbsentCapabilities absentCapabilities;
    private final AttributeCache attributes;
    /** Lists a directory into {@link #attributes} when a walk of getattrs through it misses the cache. */
    private final StatAhead statAhead;
    private final ExecutorService statAheadThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ringfs-stat-ahead");
        t.setDaemon(true);
        return t;
    });
    private final AtimeMode atime;
    /** How long an open file's writes wait for the background commit unless a mount says otherwise. */
    public static final java.time.Duration DEFAULT_COMMIT_OPEN_AFTER = java.time.Duration.ofSeconds(5);
    /** Commits open files whose writes have waited; null when the mount turned it off. */
    private final OpenFileCommitter committer;
    private final int statSize = KernelStructs.statSize();
    /** Request-sized byte arrays, one per FUSE worker thread: no 128 KiB allocation per read or write. */
    private final MountMetrics metrics;
    private final ThreadLocal<byte[]> transferBuffers = ThreadLocal.withInitial(() -> new byte[128 * 1024]);

    /**
     * A file system over {@code fs}; {@code onMounted} runs once the kernel has the mount;
     * {@code attrTimeoutSeconds} is how long attributes are trusted (by this mount's own cache: the
     * kernel caches none, see {@link AttributeCache}).
     */
    public RingFuse(RingFileSystem fs, double attrTimeoutSeconds, Runnable onMounted) {
        this(fs, attrTimeoutSeconds, AtimeMode.RELATIME, onMounted);
    }

    /** As above, with reads moving access times as {@code atime} says. */
    public RingFuse(RingFileSystem fs, double attrTimeoutSeconds, AtimeMode atime, Runnable onMounted) {
        this(fs, attrTimeoutSeconds, atime, MountMetrics.NONE, DEFAULT_COMMIT_OPEN_AFTER, onMounted);
    }

    /**
     * As above, counting every callback into {@code metrics}; once mounted, a file left open with
     * writes uncommitted for {@code commitOpenAfter} is committed in the background (see
     * {@link OpenFileCommitter}); zero turns that off.
     */
    public RingFuse(RingFileSystem fs, double attrTimeoutSeconds, AtimeMode atime, MountMetrics metrics,
                    java.time.Duration commitOpenAfter, Runnable onMounted) {
        this.fs = fs;
        this.metrics = metrics;
        this.atime = atime;
        this.onMounted = onMounted;
        if (commitOpenAfter.isNegative()) throw new IllegalArgumentException("negative commit delay " + commitOpenAfter);
        this.committer = commitOpenAfter.isZero() ? null : new OpenFileCommitter(handles, commitOpenAfter, this::flush);
        this.absentCapabilities = new AbsentCapabilities(attrTimeoutSeconds);
        this.attributes = new AttributeCache(attrTimeoutSeconds);
        this.statAhead = new StatAhead(java.time.Duration.ofNanos((long) (attrTimeoutSeconds * 1e9)),
                this::listIntoCache, statAheadThread);
        setOperationFlags();
    }

    /**
     * Two flags of libfuse 2.9's high-level API that jnr-fuse has no setter for. nullpath_ok: should
     * libfuse have no path for an open file (its directory went, or another mount took its name), it
     * would, without the flag, answer its reads, writes and fsyncs ENOENT itself; with it they arrive
     * with a null path and are served by handle. (A name that goes on this mount becomes a hidden
     * name instead, see {@link HiddenNames}.) utime_omit_ok: setattr hands utimensat's UTIME_OMIT and UTIME_NOW to
     * utimens; without it utimens is called only when both times change, so `touch -a`, `touch -m` or
     * any UTIME_OMIT would never reach the mount.
     */
    private void setOperationFlags() {
        FuseOperationFlags.set(fuseOperations, (byte) (FuseOperationFlags.NULLPATH_OK | FuseOperationFlags.UTIME_OMIT_OK));
    }

    @Override
    public Pointer init(Pointer conn) {
        if (committer != null) committer.start();
        onMounted.run();
        return null;
    }

    /**
     * Mounts as jnr-fuse's {@code mount} does (the same libfuse arguments, a hook that unmounts at
     * exit), but serves the kernel's requests on Java threads ({@link RequestLoop}), not on
     * libfuse's native ones.
     *
     * @param blocking serve in this thread until the mount goes; else in a background thread
     */
    @Override
    public void mount(java.nio.file.Path dir, boolean blocking, boolean debug, String[] options) {
        if (!mounted.compareAndSet(false, true)) throw new FuseException("Fuse fs already mounted!");
        mountPoint = dir;
        List<String> args = new java.util.ArrayList<>(List.of(getFSName(), "-f"));
        if (debug) args.add("-d");
        args.add(dir.toAbsolutePath().toString());
        args.addAll(List.of(options));
        String[] argv = args.toArray(String[]::new);
        Runtime.getRuntime().addShutdownHook(new Thread(this::umount, "ringfs-fuse-exit"));
        int status;
        try {
            if (blocking) {
                status = RequestLoop.run(fuseOperations, argv);
            } else {
                java.util.concurrent.CompletableFuture<Integer> loop = new java.util.concurrent.CompletableFuture<>();
                Thread t = new Thread(() -> {
                    try {
                        loop.complete(RequestLoop.run(fuseOperations, argv));
                    } catch (RuntimeException | LinkageError e) { // no libfuse, say: not mounted, and said so
                        loop.completeExceptionally(e);
                    }
                }, "ringfs-fuse-loop");
                t.setDaemon(true);
                t.start();
                try {
                    // As jnr-fuse: a loop still running after 2 s has mounted; one that ended has not.
                    status = loop.get(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    status = 0;
                }
            }
        } catch (Exception | LinkageError e) {
            mounted.set(false);
            throw new FuseException("Unable to mount FS", e);
        }
        if (status != 0) {
            mounted.set(false);
            throw new FuseException("Unable to mount FS, return code = " + status);
        }
    }

    /**
     * libfuse returned from its loop because someone ran {@code fusermount -u}: the kernel mount is
     * gone, so jnr-fuse's exit hook must not try to unmount it again.
     */
    public void forgetMount() {
        mounted.set(false);
    }

    /** The body of a callback; failures become errno values in {@link #run}. */
    @FunctionalInterface
    private interface Request {
        int run() throws Exception;
    }

    private int run(String operation, String path, Request request) {
        long start = System.nanoTime();
        int result;
        try {
            result = request.run();
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vm) throw vm;
            result = ErrnoTable.negative(operation, path, e);
        }
        metrics.answered(operation, result, System.nanoTime() - start);
        return result;
    }

    /** The process on whose behalf the kernel asks. */
    private Caller caller() {
        FuseContext context = getContext();
        return new Caller((int) context.uid.get(), (int) context.gid.get());
    }

    // ---- attributes and directories ----

    @Override
    public int getattr(String path, FileStat stat) {
        return run("getattr", path, () -> {
            OptionalLong hiddenInode = hidden.inode(path);
            if (hiddenInode.isPresent()) {
                // fstat(2) of an open file whose name went on this mount.
                SharedFile file = hiddenFile(path, hiddenInode.getAsLong());
                KernelStructs.fill(stat, countingHiddenName(withUnflushedSize(file.file().attributes())));
                return 0;
            }
            InodeAttributes a;
            try {
                a = withUnflushedSize(stat(path));
            } catch (RingFsException e) {
                // fstat(2) of an open file whose name went elsewhere (libfuse still asks by it).
                a = openUnder(path, e).file().attributes();
            }
            KernelStructs.fill(stat, a);
            return 0;
        });
    }

    /**
     * The file open on this mount under {@code path}, which a call by that path just found gone at
     * meta ({@code gone}: NOT_FOUND, or NOT_DIRECTORY for a directory on the way replaced by a file):
     * its name went on another mount or front (an unlink, a rename away or over it, of it or of a
     * directory above), which libfuse 2 never hears of, so it goes on asking by the name for fstat,
     * fchmod, futimens and the f*xattr calls (the kernel sends them no file handle). They are
     * answered by the open file's inode. libfuse asks the same for a lookup of the name, which
     * therefore finds it too while the file is open here: a stat(2) by the name on this mount shows
     * the open file until its last close here. An open of the name that finds it gone makes it gone
     * to lookups for a moment, so the kernel's retry can create it again (see {@link #open}). A name
     * that meta has (another file took it) is answered as meta has it, never by an open file.
     * Rethrows {@code gone} when it says something else or no file is open here under the path.
     */
    private SharedFile openUnder(String path, RingFsException gone) throws RingFsException {
        if (gone.code() != ErrorCode.NOT_FOUND && gone.code() != ErrorCode.NOT_DIRECTORY) throw gone;
        Long until = foundGone.get(path);
        if (until != null) {
            if (System.nanoTime() - until < 0) throw gone;
            foundGone.remove(path, until);
        }
        return handles.openAt(path).orElseThrow(() -> gone);
    }

    /** A change by path, or by inode id when the path is hidden or its name went elsewhere. */
    @FunctionalInterface
    private interface ByPath<T> {
        T run(String path) throws RingFsException;
    }

    @FunctionalInterface
    private interface ById<T> {
        T run(long inode) throws RingFsException;
    }

    /**
     * {@code byPath}, or {@code byId} with the inode of the file open on this mount that {@code path}
     * stands for: a hidden path's, or one whose name went on another mount ({@link #openUnder}).
     */
    private <T> T byPathOrOpen(String path, ByPath<T> byPath, ById<T> byId) throws RingFsException {
        OptionalLong hiddenInode = hidden.inode(path);
        if (hiddenInode.isPresent()) return byId.run(hiddenFile(path, hiddenInode.getAsLong()).inode());
        try {
            return byPath.run(path);
        } catch (RingFsException e) {
            return byId.run(openUnder(path, e).inode());
        }
    }

    /**
     * The open file a hidden path stands for: a hidden file is open on this mount until libfuse
     * unlinks the hidden name after its last release. NOT_FOUND in between, or for a name that went
     * on another mount before libfuse hid it.
     */
    private SharedFile hiddenFile(String path, long inode) throws RingFsException {
        return handles.of(inode).orElseThrow(() -> new RingFsException(ErrorCode.NOT_FOUND,
                path + ": inode " + inode + " is no longer open on this mount"));
    }

    /** NOT_FOUND for a hidden path: the file has no name at meta, which changes attributes by name. */
    private void refuseHidden(String path) throws RingFsException {
        if (hidden.isMapped(path)) {
            throw new RingFsException(ErrorCode.NOT_FOUND, path + ": the open file has no name left");
        }
    }

    /** Creating a name of libfuse's hidden form is refused: only libfuse's own renames make one. */
    private static void refuseHiddenName(String path) throws RingFsException {
        if (HiddenNames.isHiddenPath(path)) {
            throw new RingFsException(ErrorCode.NOT_PERMITTED, path + ": names of the form "
                    + HiddenNames.PREFIX + "<16 hex digits> are libfuse's hidden names");
        }
    }

    @Override
    public int fgetattr(String path, FileStat stat, FuseFileInfo fi) {
        return run("fgetattr", path, () -> {
            OpenFile file = handles.get(fi.fh.get()).file();
            // What the mount's cache holds for the path while it names this file (the answer of the
            // create that opened it, say), as getattr gives it; else the open file's, from meta.
            InodeAttributes cached = cachedOf(path, file.inode());
            InodeAttributes a = cached != null ? withUnflushedSize(cached) : file.attributes();
            KernelStructs.fill(stat, hidden.isMapped(path) ? countingHiddenName(a) : a);
            return 0;
        });
    }

    /** The cached attributes of {@code path} while it names {@code inode} (null for no path: nullpath_ok), else null. */
    private InodeAttributes cachedOf(String path, long inode) {
        InodeAttributes cached = path == null ? null : attributes.get(path);
        return cached != null && cached.id() == inode ? cached : null;
    }

    /**
     * libfuse takes one from st_nlink of a hidden file (it counts the hidden name as a link, which
     * here never reached meta): meta's count plus one, so the kernel gets meta's (0 for an orphan).
     */
    private static InodeAttributes countingHiddenName(InodeAttributes a) {
        return new InodeAttributes(a.id(), a.type(), a.mode(), a.uid(), a.gid(), a.size(), a.nlink() + 1,
                a.atimeNanos(), a.mtimeNanos(), a.ctimeNanos(), a.rdev());
    }

    /** A namespace change (through {@link #changeNames}). */
    @FunctionalInterface
    private interface NamespaceChange {
        void run() throws RingFsException;
    }

    /** Runs {@code change}, then drops every cached attribute: nlink, ctime and the parents' times moved. */
    private void changeNames(NamespaceChange change) throws RingFsException {
        try {
            change.run();
        } finally {
            attributes.clear();
        }
    }

    /** An unlink at meta (through {@link #removeName}): answers the parent as meta left it. */
    @FunctionalInterface
    private interface NameRemoval {
        InodeAttributes run() throws RingFsException;
    }

    /**
     * Removes the file name {@code path} (an unlink), then drops what that moved: the inode it
     * named (read before the call, as a create racing it may cache the path anew); the parent takes
     * meta's answer, so the kernel's next lookups through it need not ask meta again.
     */
    private void removeName(String path, NameRemoval removal) throws RingFsException {
        OptionalLong named = attributes.inodeNamed(path);
        long changes = attributes.changes();
        InodeAttributes parentAfter = null;
        try {
            parentAfter = removal.run();
        } finally {
            attributes.nameRemoved(path, parentOf(path), named, parentAfter, changes);
        }
    }

    /**
     * A create or mkdir of {@code path} ran (or may have): only the new name and its parent changed
     * (the parent's times, and its link count for a directory; a directory has one name). Dropping
     * everything, as other namespace changes must, would send every lookup of a tree being written
     * (git clone, tar x) back to meta.
     */
    private void nameAdded(String path) {
        attributes.forgetPath(path);
        attributes.forgetPath(parentOf(path));
    }

    /**
     * A create of {@code path} begun when the cache's {@link AttributeCache#changes} said
     * {@code changesBefore} opened {@code file}: the kernel's getattr and fgetattr that follow are
     * answered by what meta answered the create. An exclusive create made a new inode, so (meta's
     * Namespace.addInode) the parent's mtime and ctime moved to its ctime and nothing else of the
     * parent moved: the cached parent takes those times rather than being asked again by the next
     * lookup through it; and the new inode has no {@code security.capability}, which the kernel asks
     * before its first write. A create that may have found the file drops the parent as before.
     */
    private void created(String path, OpenFile file, boolean exclusive, long changesBefore) {
        Optional<InodeAttributes> answer = file.openedAttributes();
        if (answer.isEmpty()) {
            nameAdded(path);
            return;
        }
        attributes.answered(path, answer.get(), changesBefore);
        if (exclusive) {
            attributes.timesMoved(parentOf(path), answer.get().ctimeNanos());
            absentCapabilities.rememberAbsent(path);
        } else {
            attributes.forgetPath(parentOf(path));
        }
    }

    /** The attributes of {@code path}: cached, or meta's (a walk through one directory lists it ahead). */
    private InodeAttributes stat(String path) throws RingFsException {
        InodeAttributes a = attributes.get(path);
        if (a != null) return a;
        statAhead.missed(path);
        a = attributes.get(path);
        if (a != null) return a;
        long changes = attributes.changes();
        a = fs.stat(path);
        attributes.put(path, a, changes);
        return a;
    }

    /** Lists {@code dir} into the attribute cache, as getattr would have cached each entry. */
    private int listIntoCache(String dir) throws RingFsException {
        long changes = attributes.changes();
        List<org.ringfs.api.DirectoryEntry> entries = fs.list(dir);
        cacheListed(dir, entries, changes);
        return entries.size();
    }

    private void cacheListed(String dir, List<org.ringfs.api.DirectoryEntry> entries, long changesBefore) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        for (org.ringfs.api.DirectoryEntry e : entries) attributes.put(prefix + e.name(), e.attributes(), changesBefore);
    }

    /** Meta's attributes, with the size writers on this mount see (their bytes may be in flight). */
    private InodeAttributes withUnflushedSize(InodeAttributes a) throws RingFsException {
        if (!a.isFile()) return a;
        OptionalLong written = handles.writtenSize(a.id());
        if (written.isEmpty() || written.getAsLong() == a.size()) return a;
        return new InodeAttributes(a.id(), a.type(), a.mode(), a.uid(), a.gid(), written.getAsLong(), a.nlink(),
                a.atimeNanos(), a.mtimeNanos(), a.ctimeNanos(), a.rdev());
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filler, @off_t long offset, FuseFileInfo fi) {
        return run("readdir", path, () -> {
            long changes = attributes.changes();
            List<org.ringfs.api.DirectoryEntry> entries = fs.list(path);
            cacheListed(path, entries, changes); // ls -l stats every entry next
            // One stat buffer, reused: libfuse copies what it needs (the type, the inode) per entry.
            Pointer statMemory = Memory.allocateDirect(jnr.ffi.Runtime.getSystemRuntime(), statSize, true);
            FileStat stat = FileStat.of(statMemory);
            filler.apply(buf, name("."), null, 0);
            filler.apply(buf, name(".."), null, 0);
            for (org.ringfs.api.DirectoryEntry e : entries) {
                stat.st_mode.set(e.attributes().stMode());
                stat.st_ino.set(e.attributes().id());
                if (filler.apply(buf, name(e.name()), statMemory, 0) != 0) break;
            }
            return 0;
        });
    }

    /** A NUL-terminated UTF-8 name, as the filler's C side reads it. */
    private static ByteBuffer name(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(bytes.length + 1);
        b.put(bytes).put((byte) 0).flip();
        return b;
    }

    @Override
    public int mkdir(String path, @mode_t long mode) {
        return run("mkdir", path, () -> {
            refuseHiddenName(path);
            Caller c = caller();
            InodeAttributes parent = stat(parentOf(path));
            long changes = attributes.changes();
            InodeAttributes made = null;
            try {
                made = fs.mkdir(path, PosixRules.newDirectoryMode((int) mode & 07777, parent), c.uid(), PosixRules.newEntryGid(c, parent));
            } finally {
                if (made == null) nameAdded(path); // it may have happened all the same
            }
            // libfuse's getattr of the new directory is answered by what meta answered; the
            // parent's nlink moved as well as its times, so the parent is asked again.
            attributes.answered(path, made, changes);
            attributes.forgetPath(parentOf(path));
            return 0;
        });
    }

    @Override
    public int rmdir(String path) {
        return run("rmdir", path, () -> {
            // Everything goes, as before: entries cached below the directory (names another client
            // removed meanwhile) must not answer for a directory made again under its name.
            changeNames(() -> fs.rmdir(path));
            hidden.removedDirectory(path);
            return 0;
        });
    }

    @Override
    public int unlink(String path) {
        return run("unlink", path, () -> {
            // libfuse unlinks a hidden name after the file's last release here (the release let go
            // of meta's hold, which freed the orphan), or at unmount: no name at meta to remove.
            if (hidden.forget(path)) return 0;
            removeName(path, () -> fs.unlink(path));
            absentCapabilities.forget(path);
            return 0;
        });
    }

    @Override
    public int rename(String from, String to) {
        return run("rename", from + " -> " + to, () -> {
            PendingHide pending = pendingHide.get();
            pendingHide.remove();
            if (pending != null && !pending.path().equals(to)) unlinkHidden(pending);
            if (HiddenNames.isHiddenPath(to) && !hidden.isMapped(to)) {
                hide(from, to);
                return 0;
            }
            refuseHidden(from);
            refuseHidden(to);
            // After a pending hide of the target: meta's rename replaces the open file in one step
            // (its hold keeps it as an orphan); should it fail, the file keeps its name at meta.
            changeNames(() -> fs.rename(from, to));
            hidden.renamed(from, to);
            handles.renamed(from, to);
            // A directory rename changes what every path below it names.
            absentCapabilities.forgetAll();
            return 0;
        });
    }

    /**
     * libfuse hides a file open on this mount whose name is unlinked or renamed over (lib/fuse.c
     * hide_node): a rename to a hidden name in the same directory. The name goes at meta as an
     * unlink (the open file's hold keeps the orphan, nlink 0 when it was the last name) and the
     * hidden path stands for the inode on this mount alone. A file already hidden is hidden again
     * (something was renamed over its hidden name). Anything else asking for a hidden name (a user's
     * rename of a file not open here) is EPERM: carried out as a hide it would unlink the file.
     */
    private void hide(String from, String to) throws RingFsException {
        if (hidden.isMapped(from)) {
            hidden.renamed(from, to);
            handles.renamed(from, to);
            return;
        }
        if (!parentOf(from).equals(parentOf(to))) refuseHiddenName(to);
        InodeAttributes a;
        try {
            a = fs.stat(from);
        } catch (RingFsException e) {
            // The name went on another mount while the file is open here under it: nothing to
            // unlink at meta; libfuse's rename over it (or unlink of it) goes on.
            SharedFile open = openUnder(from, e);
            hidden.remember(to, open.inode());
            handles.renamed(from, to);
            return;
        }
        long inode;
        if (a.isFile() && handles.of(a.id()).isPresent()) {
            inode = a.id();
        } else {
            // Another file took the name elsewhere while the old one is open here under it: libfuse
            // hides the old one; the rename or unlink that follows is of the name, so of the new one.
            Optional<SharedFile> open = handles.openAt(from);
            if (open.isEmpty()) refuseHiddenName(to);
            inode = open.orElseThrow().inode();
        }
        if (CallerSyscall.of(getContext().pid.get()) == CallerSyscall.Kind.RENAME) {
            // A rename over the open file: libfuse renames onto its name next (lib/fuse.c
            // fuse_lib_rename), and that rename at meta replaces it. For an unlink, or when the
            // caller's call cannot be told, the name goes now (two calls at meta for a rename).
            pendingHide.set(new PendingHide(from, to, a.id()));
            hidden.remember(to, inode);
            handles.renamed(from, to);
            return;
        }
        changeNames(() -> fs.unlink(from));
        hidden.remember(to, inode);
        handles.renamed(from, to);
        absentCapabilities.forget(from);
    }

    /**
     * A pending hide that no rename onto its name followed (libfuse always sends one; this is for
     * safety): the name goes at meta as for an unlink, if it still names the hidden file.
     */
    private void unlinkHidden(PendingHide pending) throws RingFsException {
        try {
            if (fs.stat(pending.path()).id() == pending.inode()) changeNames(() -> fs.unlink(pending.path()));
        } catch (RingFsException e) {
            if (e.code() != ErrorCode.NOT_FOUND) throw e;
        }
    }

    @Override
    public int symlink(String target, String path) {
        return run("symlink", path, () -> {
            refuseHiddenName(path);
            Caller c = caller();
            InodeAttributes parent = stat(parentOf(path));
            changeNames(() -> fs.symlink(path, target, c.uid(), PosixRules.newEntryGid(c, parent)));
            return 0;
        });
    }

    @Override
    public int readlink(String path, Pointer buf, @size_t long size) {
        return run("readlink", path, () -> {
            refuseHidden(path);
            byte[] target = fs.readlink(path).getBytes(StandardCharsets.UTF_8);
            // libfuse wants a NUL-terminated string, cut to fit the buffer.
            int n = (int) Math.min(target.length, size - 1);
            buf.put(0, target, 0, n);
            buf.putByte(n, (byte) 0);
            return 0;
        });
    }

    @Override
    public int link(String existing, String path) {
        return run("link", path, () -> {
            // POSIX: ENOENT for a link to a file without names (linkat of an unlinked open file).
            refuseHidden(existing);
            refuseHiddenName(path);
            changeNames(() -> fs.link(existing, path));
            return 0;
        });
    }

    @Override
    public int mknod(String path, @mode_t long mode, @dev_t long rdev) {
        return run("mknod", path, () -> {
            refuseHiddenName(path);
            Caller c = caller();
            InodeAttributes parent = stat(parentOf(path));
            int gid = PosixRules.newEntryGid(c, parent);
            FileType type = FileType.ofMode((int) mode);
            if (type == FileType.FILE) {
                changeNames(() -> fs.create(path, (int) mode & 07777, c.uid(), gid, true).close());
            } else if (type == FileType.DIRECTORY || type == FileType.SYMLINK) {
                throw new RingFsException(ErrorCode.INVALID, "mknod cannot make a " + type);
            } else {
                changeNames(() -> fs.mknod(path, type, (int) mode & 07777, (int) rdev, c.uid(), gid));
            }
            return 0;
        });
    }

    // ---- attribute changes ----

    @Override
    public int chmod(String path, @mode_t long mode) {
        return run("chmod", path, () -> {
            Caller c = caller();
            SetAttributes change = SetAttributes.mode((int) mode & 07777);
            attributes.forgetInode(byPathOrOpen(path, p -> {
                if (!c.isRoot()) PosixRules.checkChmod(c, fs.stat(p), (int) mode & 07777);
                return fs.setAttributes(p, change);
            }, inode -> {
                if (!c.isRoot()) PosixRules.checkChmod(c, fs.stat(inode), (int) mode & 07777);
                return fs.setAttributes(inode, change);
            }).id());
            return 0;
        });
    }

    @Override
    public int chown(String path, @uid_t long uid, @gid_t long gid) {
        return run("chown", path, () -> {
            Integer newUid = (int) uid == UNCHANGED_ID ? null : (int) uid;
            Integer newGid = (int) gid == UNCHANGED_ID ? null : (int) gid;
            Caller c = caller();
            attributes.forgetInode(byPathOrOpen(path, p -> {
                InodeAttributes file = fs.stat(p);
                return fs.setAttributes(p, chown(c, file, newUid, newGid));
            }, inode -> {
                InodeAttributes file = fs.stat(inode);
                return fs.setAttributes(inode, chown(c, file, newUid, newGid));
            }).id());
            return 0;
        });
    }

    /** The change a chown of {@code file} makes, once the caller may make it. */
    private static SetAttributes chown(Caller c, InodeAttributes file, Integer newUid, Integer newGid)
            throws RingFsException {
        PosixRules.checkChown(c, file, newUid, newGid);
        int mode = PosixRules.modeAfterChown(file);
        return new SetAttributes(mode == file.mode() ? null : mode, newUid, newGid, null, null);
    }

    @Override
    public int utimens(String path, Timespec[] timespec) {
        return run("utimens", path, () -> {
            long now = nowNanos();
            SetAttributes change = SetAttributes.times(timeOf(timespec[0], now), timeOf(timespec[1], now));
            attributes.forgetInode(byPathOrOpen(path, p -> fs.setAttributes(p, change),
                    inode -> fs.setAttributes(inode, change)).id());
            return 0;
        });
    }

    /** The nanoseconds a utimens Timespec asks for: null for UTIME_OMIT, {@code now} for UTIME_NOW. */
    static Long timeOf(Timespec t, long now) {
        long nanos = t.tv_nsec.longValue();
        if (nanos == UTIME_OMIT) return null;
        if (nanos == UTIME_NOW) return now;
        return t.tv_sec.get() * 1_000_000_000L + nanos;
    }

    private static long nowNanos() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public int truncate(String path, @off_t long size) {
        return run("truncate", path, () -> {
            // An open file of the inode truncates: its buffered bytes land first, and its appends
            // then start at the new end (logrotate's copytruncate). A hidden file is open here.
            OptionalLong hiddenInode = hidden.inode(path);
            long inode = hiddenInode.isPresent() ? hiddenFile(path, hiddenInode.getAsLong()).inode() : fs.stat(path).id();
            Optional<SharedFile> open = handles.of(inode);
            try {
                if (open.isPresent()) open.get().file().truncate(size);
                else fs.truncate(path, size);
            } finally {
                attributes.forgetInode(inode);
            }
            return 0;
        });
    }

    @Override
    public int ftruncate(String path, @off_t long size, FuseFileInfo fi) {
        return run("ftruncate", path, () -> {
            FileHandle h = handles.get(fi.fh.get());
            try {
                h.file().truncate(size);
            } finally {
                attributes.forgetInode(h.file().inode());
            }
            return 0;
        });
    }

    // ---- open files ----

    @Override
    public int create(String path, @mode_t long mode, FuseFileInfo fi) {
        return run("create", path, () -> {
            refuseHiddenName(path);
            OpenFlags flags = OpenFlags.of(fi.flags.get());
            Caller c = caller();
            InodeAttributes parent = stat(parentOf(path));
            int permissions = (int) mode & 07777;
            long changes = attributes.changes();
            OpenFile file = null;
            try {
                file = fs.create(path, permissions, c.uid(), PosixRules.newEntryGid(c, parent), flags.exclusive());
            } finally {
                if (file == null) nameAdded(path); // it may have happened all the same
            }
            created(path, file, flags.exclusive(), changes);
            foundGone.remove(path);
            long fh = handles.add(file, flags, !PosixRules.hasPrivileges(permissions), path);
            truncateOnOpen(fh, flags);
            fi.fh.set(fh);
            return 0;
        });
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        return run("open", path, () -> {
            OpenFlags flags = OpenFlags.of(fi.flags.get());
            OptionalLong hiddenInode = hidden.inode(path);
            if (hiddenInode.isPresent()) {
                // An open of a hidden file (/proc/PID/fd/N): one more handle on its open file.
                long fh = handles.addToOpen(hiddenInode.getAsLong(), flags, !flags.writable(), path)
                        .orElseThrow(() -> new RingFsException(ErrorCode.NOT_FOUND, path + " is no longer open"));
                truncateOnOpen(fh, flags);
                fi.fh.set(fh);
                return 0;
            }
            long changes = attributes.changes();
            OpenFile file;
            try {
                file = fs.open(path, false);
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.NOT_FOUND) throw e;
                // The kernel took the name from its dentry cache, but another mount or front removed
                // it since. ESTALE makes the VFS look the name up again (LOOKUP_REVAL) and retry once,
                // as for NFS: an open with O_CREAT then creates the file; one without gets ENOENT.
                // A file open here under the name would answer the lookup (see openUnder): not now.
                if (handles.openAt(path).isPresent()) foundGone.put(path, System.nanoTime() + FOUND_GONE_NANOS);
                attributes.forgetPath(path);
                return -ErrnoTable.ESTALE;
            }
            // Close-to-open: the open asked meta, and its answer replaces what the cache held for the
            // path, so the getattr and fgetattr after it (a read past the kernel's size asks one) are
            // never older than the open.
            Optional<InodeAttributes> answer = file.openedAttributes();
            if (answer.isPresent()) attributes.answered(path, answer.get(), changes);
            else attributes.forgetPath(path);
            long fh = handles.add(file, flags, !flags.writable(), path);
            truncateOnOpen(fh, flags);
            fi.fh.set(fh);
            return 0;
        });
    }

    /** O_TRUNC, through the inode's shared open file so its other handles see the new size. */
    private void truncateOnOpen(long fh, OpenFlags flags) throws RingFsException {
        if (!flags.truncate()) return;
        try {
            OpenFile file = handles.get(fh).file();
            // An empty file (a new one, above all) has nothing to truncate: meta's answer stays cached.
            if (file.size() > 0) {
                file.truncate(0);
                attributes.forgetInode(file.inode());
            }
        } catch (RingFsException e) {
            try {
                handles.release(fh);
            } catch (RingFsException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public int read(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return run("read", path, () -> {
            OpenFile file = handles.get(fi.fh.get()).file();
            // Without direct_io the kernel takes a short read for the end of the file: fill it all.
            // The bytes go from the verified block straight into the kernel's buffer.
            int total = 0;
            while (total < size) {
                int n = file.read(offset + total, (int) size - total, into(buf, total));
                if (n <= 0) break;
                total += n;
            }
            accessed(path, handles.get(fi.fh.get()).shared());
            return total;
        });
    }

    /**
     * A read moves the access time as the mount's atime mode says; ctime stays. relatime decides on
     * the attributes cached for the path libfuse read by while it names the file (as a stat would
     * show them), else on meta's; the answer of the change is cached for that path.
     */
    private void accessed(String path, SharedFile shared) throws RingFsException {
        if (atime == AtimeMode.OFF || !shared.considerAccess()) return;
        long now = nowNanos();
        InodeAttributes cached = cachedOf(path, shared.inode());
        if (atime != AtimeMode.STRICT) {
            InodeAttributes a = cached != null ? cached : shared.file().attributes();
            if (!atime.moves(a.atimeNanos(), a.mtimeNanos(), a.ctimeNanos(), now)) return;
        }
        long changes = attributes.changes();
        InodeAttributes changed = null;
        try {
            // By inode: the file read, whatever its name (if any) names now.
            changed = fs.setAttributes(shared.inode(), SetAttributes.accessedAt(now));
        } finally {
            if (changed == null) attributes.forgetInode(shared.inode());
        }
        // The path named the file when the change began: it takes meta's answer.
        if (cached != null) attributes.applied(path, changed, changes);
        else attributes.forgetInode(shared.inode());
    }

    @Override
    public int write(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return run("write", path, () -> {
            FileHandle h = handles.get(fi.fh.get());
            clearPrivilegesOnFirstWrite(h);
            byte[] bytes = transferBuffer(size);
            buf.get(0, bytes, 0, (int) size);
            OptionalLong changesBefore = h.file().changesBegun();
            try {
                // O_APPEND: the end of the inode's one open file, decided and written under its lock;
                // the kernel's offset comes from its cached size, which another handle may have moved.
                if (h.flags().append()) h.file().append(bytes, 0, (int) size);
                else h.file().write(offset, bytes, 0, (int) size);
                h.markWritten();
            } finally {
                // A write the client only buffered changed nothing at meta: the cached attributes
                // are still meta's, and getattr adds the buffered size (withUnflushedSize). One
                // that began a commit (a full buffer, the 5 s rule) moved meta's size and times.
                if (changesBefore.isEmpty() || !changesBefore.equals(h.file().changesBegun())) {
                    attributes.forgetInode(h.file().inode());
                }
            }
            return (int) size;
        });
    }

    /** A write by anyone but root clears setuid/setgid; checked once per handle, never for root. */
    private void clearPrivilegesOnFirstWrite(FileHandle h) throws RingFsException {
        if (h.privilegesCleared()) return;
        Caller c = caller();
        if (c.isRoot()) return;
        InodeAttributes a = h.file().attributes();
        int mode = PosixRules.modeAfterWrite(c, a);
        // By inode: the file written, whatever its name (if any) names now.
        if (mode != a.mode()) attributes.forgetInode(fs.setAttributes(h.file().inode(), SetAttributes.mode(mode)).id());
        h.markPrivilegesCleared();
    }

    /** {@code buf} (a FUSE request's memory) from {@code start} on, as a read's target. */
    private static ReadTarget into(Pointer buf, int start) {
        return new ReadTarget() {
            @Override
            public void put(int at, byte[] src, int srcOffset, int length) {
                buf.put(start + at, src, srcOffset, length);
            }

            @Override
            public void zero(int at, int length) {
                buf.setMemory(start + at, length, (byte) 0);
            }
        };
    }

    private byte[] transferBuffer(long size) {
        byte[] b = transferBuffers.get();
        if (b.length < size) {
            b = new byte[(int) size];
            transferBuffers.set(b);
        }
        return b;
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        return run("flush", path, () -> {
            flushAt(path, handles.get(fi.fh.get()).file());
            return 0;
        });
    }

    /**
     * fallocate(2): a replicated store reserves no space ahead, but mode 0 must grow the size as a
     * truncate up would, and KEEP_SIZE must succeed; copy tools and databases call both. Hole
     * punching, collapsing and the rest stay EOPNOTSUPP.
     */
    @Override
    public int fallocate(String path, int mode, @off_t long offset, @off_t long length, FuseFileInfo fi) {
        return run("fallocate", path, () -> {
            if ((mode & ~FALLOC_FL_KEEP_SIZE) != 0) {
                throw new RingFsException(ErrorCode.NOT_SUPPORTED, "fallocate mode 0x" + Integer.toHexString(mode));
            }
            if (offset < 0 || length <= 0) {
                throw new RingFsException(ErrorCode.INVALID, "fallocate range " + offset + "+" + length);
            }
            if (offset > Long.MAX_VALUE - length) throw new RingFsException(ErrorCode.FILE_TOO_BIG, "fallocate past 2^63");
            OpenFile file = handles.get(fi.fh.get()).file();
            if (mode == 0 && offset + length > file.size()) {
                try {
                    file.truncate(offset + length);
                } finally {
                    attributes.forgetInode(file.inode());
                }
            }
            return 0;
        });
    }

    /** The inode's open file is shared by its handles: this commits every handle's buffered writes. */
    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        return run("fsync", path, () -> {
            flushAt(path, handles.get(fi.fh.get()).file());
            return 0;
        });
    }

    /**
     * fsync of a directory, which is what {@code sync DIR} reaches: commits every file open on the
     * mount. sync(2) and syncfs(2) reach no callback (the kernel sends FUSE_SYNCFS only to virtiofs);
     * an open file commits at close, fsync, a full buffer, a write 5 s after its last commit, or
     * when its writes have waited the mount's background commit delay ({@link OpenFileCommitter}).
     */
    @Override
    public int fsyncdir(String path, FuseFileInfo fi) {
        return run("fsyncdir", path, () -> {
            RingFsException failure = null;
            for (SharedFile f : handles.all()) {
                try {
                    flush(f.file());
                } catch (RingFsException e) {
                    if (failure == null) failure = e;
                    else failure.addSuppressed(e);
                }
            }
            if (failure != null) throw failure;
            return 0;
        });
    }

    /**
     * As {@link #flush(OpenFile)}, for the file open at {@code path}: when the flush committed and the
     * path's cached entry still names the file, what meta answered the commit replaces it (keeping
     * its age), so the stat that follows a close (git checkout, cp -p, make) need not ask meta.
     */
    private void flushAt(String path, OpenFile file) throws RingFsException {
        long changes = attributes.changes();
        OptionalLong before = file.changesBegun();
        boolean flushed = false;
        try {
            file.flush();
            flushed = true;
        } finally {
            boolean changedNothing = flushed && before.isPresent() && file.changesBegun().getAsLong() == before.getAsLong();
            Optional<InodeAttributes> committed = flushed ? file.committedAttributes() : Optional.empty();
            if (changedNothing) {
                // nothing reached meta (a shell's redirection closes a copy of the descriptor first)
            } else if (path != null && !hidden.isMapped(path) && committed.isPresent()) {
                attributes.committed(path, committed.get(), changes);
            } else {
                attributes.forgetInode(file.inode());
            }
        }
    }

    /** A commit moves mtime and meta's size. */
    private void flush(OpenFile file) throws RingFsException {
        try {
            file.flush();
        } finally {
            attributes.forgetInode(file.inode());
        }
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        return run("release", path, () -> {
            OpenFile file = handles.get(fi.fh.get()).file();
            OptionalLong before = file.changesBegun();
            try {
                handles.release(fi.fh.get());
            } finally {
                // A release after the close's flush commits nothing: what that flush cached stays.
                if (before.isEmpty() || file.changesBegun().getAsLong() != before.getAsLong()) {
                    attributes.forgetInode(file.inode());
                }
            }
            return 0;
        });
    }

    /** Closes every open file (flushing it): the mount is going away. */
    public void closeAll() {
        if (committer != null) committer.close();
        statAheadThread.shutdownNow(); // nobody waits for a listing ahead of a closing mount's stats
        for (SharedFile f : handles.removeAll()) {
            try {
                f.file().close();
            } catch (RingFsException e) {
                log.error("closing inode {} at unmount lost its unflushed writes: {}", f.inode(), e.toString());
            }
        }
    }

    // ---- the file system as a whole ----

    @Override
    public int statfs(String path, Statvfs stbuf) {
        return run("statfs", path, () -> {
            KernelStructs.fill(stbuf, fs.statfs());
            return 0;
        });
    }

    @Override
    public int access(String path, int mask) {
        return run("access", path, () -> {
            OptionalLong hiddenInode = hidden.inode(path);
            InodeAttributes a = hiddenInode.isPresent()
                    ? hiddenFile(path, hiddenInode.getAsLong()).file().attributes() : fs.stat(path);
            return PosixRules.allows(caller(), a, mask) ? 0 : ErrnoTable.negative(ErrorCode.PERMISSION_DENIED);
        });
    }

    // ---- extended attributes ----

    @Override
    public int setxattr(String path, String name, Pointer value, @size_t long size, int flags) {
        return run("setxattr", path, () -> {
            byte[] bytes = new byte[(int) size];
            value.get(0, bytes, 0, bytes.length);
            byPathOrOpen(path, p -> {
                fs.setXattr(p, name, bytes, flags);
                return null;
            }, inode -> {
                fs.setXattr(inode, name, bytes, flags);
                return null;
            });
            attributes.clear();
            if (AbsentCapabilities.NAME.equals(name)) absentCapabilities.forget(path);
            return 0;
        });
    }

    @Override
    public int getxattr(String path, String name, Pointer value, @size_t long size) {
        return run("getxattr", path, () -> {
            boolean capability = AbsentCapabilities.NAME.equals(name);
            // The kernel asks a file being written for this; a hidden file's stays as it was.
            if (capability && hidden.isMapped(path)) return ErrnoTable.negative(ErrorCode.NO_ATTRIBUTE);
            if (capability && absentCapabilities.knownAbsent(path)) return ErrnoTable.negative(ErrorCode.NO_ATTRIBUTE);
            byte[] bytes;
            try {
                bytes = byPathOrOpen(path, p -> fs.getXattr(p, name), inode -> fs.getXattr(inode, name));
            } catch (RingFsException e) {
                if (capability && e.code() == ErrorCode.NO_ATTRIBUTE) absentCapabilities.rememberAbsent(path);
                throw e;
            }
            return copyOut(bytes, value, size);
        });
    }

    @Override
    public int listxattr(String path, Pointer list, @size_t long size) {
        return run("listxattr", path, () -> {
            // The names, each NUL-terminated, back to back.
            java.io.ByteArrayOutputStream names = new java.io.ByteArrayOutputStream();
            for (String n : byPathOrOpen(path, fs::listXattrs, fs::listXattrs)) {
                names.writeBytes(n.getBytes(StandardCharsets.UTF_8));
                names.write(0);
            }
            return copyOut(names.toByteArray(), list, size);
        });
    }

    /** The xattr protocol: a size-0 call asks for the size; a buffer too small is ERANGE. */
    static int copyOut(byte[] bytes, Pointer buffer, long size) {
        if (size == 0) return bytes.length;
        if (bytes.length > size) return -ErrnoTable.ERANGE;
        buffer.put(0, bytes, 0, bytes.length);
        return bytes.length;
    }

    @Override
    public int removexattr(String path, String name) {
        return run("removexattr", path, () -> {
            byPathOrOpen(path, p -> {
                fs.removeXattr(p, name);
                return null;
            }, inode -> {
                fs.removeXattr(inode, name);
                return null;
            });
            attributes.clear();
            if (AbsentCapabilities.NAME.equals(name)) absentCapabilities.forget(path);
            return 0;
        });
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
