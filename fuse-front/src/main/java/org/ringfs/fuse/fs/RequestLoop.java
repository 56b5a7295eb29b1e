package org.ringfs.fuse.fs;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Struct;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.PointerByReference;
import jnr.ffi.types.size_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.serce.jnrfuse.struct.FuseOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * libfuse 2's request loop, run on Java threads. libfuse's own multithreaded loop serves each
 * request on a native thread of its own, which calls into Java through jffi: jffi attaches such a
 * thread to the JVM and detaches it again after each of its first 1,000 callbacks, a new Java
 * thread each time (measured on a mount: 185,000 thread starts for about 460,000 requests, and a
 * stat at a third of its speed while a worker was young), and libfuse ends surplus workers and
 * starts fresh ones as load comes and goes. Here each worker is a Java thread that reads a request
 * from the kernel and processes it (fuse_read_cmd, fuse_process_cmd), so every callback runs on a
 * thread the JVM already knows. As libfuse does, a worker that takes the last idle slot starts
 * another, so a request that waits on the network never holds up the rest; workers are never ended
 * before the loop is (up to {@link #MAX_WORKERS}).
 */
final class RequestLoop {
    private static final Logger log = LoggerFactory.getLogger(RequestLoop.class);

    /** Workers waiting for requests when the loop starts. */
    static final int FIRST_WORKERS = 4;
    /** The most workers the loop starts (libfuse 2 has no bound; its kernel queue holds the rest). */
    static final int MAX_WORKERS = 256;

    /** The libfuse 2.9 calls the loop needs beyond jnr-fuse's. */
    public interface LibFuse2 {
        Pointer fuse_setup(int argc, String[] argv, FuseOperations op, @size_t long opSize, PointerByReference mountpoint,
                           IntByReference multithreaded, Pointer userData);

        Pointer fuse_read_cmd(Pointer fuse);

        void fuse_process_cmd(Pointer fuse, Pointer cmd);

        int fuse_exited(Pointer fuse);

        void fuse_teardown(Pointer fuse, Pointer mountpoint);
    }

    private static volatile LibFuse2 lib;

    private final Pointer fuse;
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();

    private RequestLoop(Pointer fuse) {
        this.fuse = fuse;
    }

    /**
     * Mounts with libfuse's arguments {@code args} (as fuse_main takes them; foreground) and serves
     * the kernel's requests until the mount goes, then unmounts and frees libfuse's state. The
     * exit status as fuse_main gives it: 0, or 1 when the mount could not be made.
     */
    static int run(FuseOperations operations, String[] args) {
        LibFuse2 f = library();
        PointerByReference mountpoint = new PointerByReference();
        IntByReference multithreaded = new IntByReference();
        Pointer fuse = f.fuse_setup(args.length, args, operations, Struct.size(operations), mountpoint, multithreaded, null);
        if (fuse == null) return 1; // libfuse has said why on stderr
        RequestLoop loop = new RequestLoop(fuse);
        try {
            loop.serve();
        } finally {
            f.fuse_teardown(fuse, mountpoint.getValue());
        }
        return 0;
    }

    private static LibFuse2 library() {
        LibFuse2 l = lib;
        if (l == null) {
            synchronized (RequestLoop.class) {
                if (lib == null) lib = LibraryLoader.create(LibFuse2.class).failImmediately().load("fuse");
                l = lib;
            }
        }
        return l;
    }

    private void serve() {
        for (int i = 0; i < FIRST_WORKERS; i++) startWorker();
        // Workers only start while the loop runs, each from a running worker: once all have
        // ended, none is left to start another.
        for (int joined = 0; ; ) {
            Thread next;
            synchronized (workers) {
                if (joined == workers.size()) break;
                next = workers.get(joined);
            }
            joinUninterruptibly(next);
            joined++;
        }
    }

    private void startWorker() {
        int n = started.incrementAndGet();
        if (n > MAX_WORKERS) {
            started.decrementAndGet();
            return;
        }
        idle.incrementAndGet();
        Thread t = new Thread(this::work, "ringfs-fuse-" + n);
        t.setDaemon(true);
        synchronized (workers) {
            workers.add(t);
        }
        t.start();
    }

    private void work() {
        LibFuse2 f = library();
        try {
            while (f.fuse_exited(fuse) == 0) {
                Pointer cmd = f.fuse_read_cmd(fuse); // null: interrupted, or the mount went (then exited)
                if (cmd == null) continue;
                if (idle.decrementAndGet() == 0) startWorker();
                try {
                    f.fuse_process_cmd(fuse, cmd);
                } finally {
                    idle.incrementAndGet();
                }
            }
        } catch (RuntimeException | Error e) {
            // jnr-fuse answers a callback's own exceptions with an errno; this is the loop itself failing.
            log.error("FUSE worker {} failed; the mount goes on with the others", Thread.currentThread().getName(), e);
            idle.decrementAndGet();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
