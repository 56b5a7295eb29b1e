package org.ringfs.e2e.bench;

/**
 * Why a target is missed, as profiling on the 2-core development machine found it (perf, JFR,
 * meta's call counters, fsync and call latencies): the mechanism behind the figure, which the
 * table prints after what the run itself measured of the workload's CPU ({@code CpuLedger}). On
 * other machines these causes are the first place to look.
 */
final class MissReasons {
    private MissReasons() {}

    static String of(String figure) {
        String workload = figure.substring(figure.indexOf('.') + 1);
        if (figure.startsWith("memory.")) {
            return "heap bound (512 MiB servers, 320 MiB client processes) plus the JVM's own ~130 MiB";
        }
        if (figure.endsWith(".git-clone-fsck")) {
            return "git checks out one file at a time, each waited for; per file on a warm local mount (strace and"
                    + " the servers' metrics over a 1000-file clone): a stat of the new name 0.3 ms (meta finds nothing;"
                    + " a missing name is not cached), the create 0.75 ms (the kernel's second lookup, meta's synced"
                    + " create), the close 1.9 ms (3 copies synced at once ~1.0 ms, then meta's synced commit ~0.7 ms):"
                    + " three synced disk writes in a row per file, where git on the local disk syncs none; each call"
                    + " also crosses the kernel and jnr-fuse";
        }
        if (figure.equals("fuse.small-create") || figure.equals("fuse.small-delete")) {
            return "the kernel holds the directory's lock over each lookup and create or unlink, so the 8 threads'"
                    + " calls in one directory reach meta one at a time, where the client's overlap (jstack of the"
                    + " mount: 1-2 of its FUSE workers busy)";
        }
        if (figure.equals("fuse.seq-read") || figure.equals("fuse.seq-write")) {
            return "libfuse 2 caps a request at 128 KiB, so a GiB is 8,192 requests, each a worker thread woken,"
                    + " a call up through jnr-fuse and the kernel copying the data between the caller's pages and"
                    + " the mount's (perf of a warm mount reading: about half its CPU in the kernel, with the"
                    + " copies and context switches first), on the same 2 cores as the data servers";
        }
        if (figure.equals("fuse.small-stat")) {
            return "each stat is a getattr through the kernel and jnr-fuse (8 threads on a warm local mount:"
                    + " ~20,000 a second, from the mount's own cache, which lists ahead as the client does), where the"
                    + " client answers a walk's stats from memory";
        }
        if (figure.equals("fuse.small-read")) {
            return "a read through the mount is a lookup (a stat), an open that asks meta to hold the inode (an"
                    + " unlinked open file stays readable; a synced write) and for its block table, then the block's GET,"
                    + " each crossing the kernel and jnr-fuse (the mount's metrics on a young local cluster: open 2.4 ms,"
                    + " read 2.8 ms, most of it the data server's GET)";
        }
        if (figure.equals("webdav.small-stat")) {
            return "each stat is a HEAD that asks meta (one stat call): the front keeps the client's attribute"
                    + " cache off (its ETags and locks must see meta's current word), while the client answers a walk's"
                    + " stats from memory";
        }
        if (figure.equals("webdav.small-create")) {
            return "a PUT is 7 meta calls where the client's create is 2 (DavRequestCostTest counts them): the body goes"
                    + " to a hidden name renamed over the target (3 synced writes: create, commit, rename), 1 lock"
                    + " query (the target and its folder together) and 3 stats (the target and its folder, the stored file for"
                    + " its ETag), plus the HTTP request through Milton";
        }
        if (figure.equals("webdav.small-delete")) {
            return "a DELETE is 4 meta calls where the client's is 1 (DavRequestCostTest counts them): a lock query"
                    + " (the file and its folder together), a stat, the unlink and the release of the file's locks, plus"
                    + " the HTTP request through Milton";
        }
        if (figure.startsWith("fuse.") || figure.startsWith("webdav.")) {
            return figure.startsWith("fuse.")
                    ? "each request also crosses the kernel and jnr-fuse, on the same 2 cores"
                    : "each operation is also an HTTP request through Milton (a listing also XML),"
                            + " on the same 2 cores";
        }
        return switch (workload) {
            case "seq-write", "rebuild" -> "every byte crosses loopback three times and three data servers write and sync"
                    + " it, all on the same cores as the client (by perf: ~40% of the machine in the kernel)";
            case "seq-read", "degraded-read" -> "the design keeps block bytes in Berkeley DB JE records, so each data"
                    + " server reads a block's log entry into JE's buffer, checks its Adler32, copies it into the record"
                    + " and again into the value it returns, and Jetty's socket write copies it once more (by perf on a"
                    + " young data server: ~30% of its CPU in the kernel, ~20% copying and zeroing arrays, ~25% the JIT"
                    + " compiler, the rest Jetty's and JE's code); HDFS sends block files with sendfile, no copy in"
                    + " the process; the client copies each block from the socket and checks its CRC32C; see the"
                    + " kernel and JIT parts above";
            case "small-create" -> "5 synced writes (meta create, 3 copies, meta commit) and 2 meta calls per file;"
                    + " fsyncs queue behind each other on one disk";
            case "small-stat" -> "one meta call per stat for the first 15 misses in the directory, then the rest wait"
                    + " for one listing ahead (stat-ahead); the first run of a young JVM is the slow one";
            case "small-list" -> "by JFR on meta: reading the 2000 inodes out of JE, each read locked, is ~3/4 of a warm"
                    + " listing's CPU (one cursor, one write of the reply's text); a young JVM's first listings are slower";
            case "dir-rename" -> "one synced meta transaction and its meta call, timed over 5 renames of a young"
                    + " cluster (a warm client's rename of the directory on a local cluster: 1.2-2.5 ms, its first 100 ms)";
            default -> "not profiled";
        };
    }
}
