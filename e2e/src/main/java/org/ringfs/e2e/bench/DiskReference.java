package org.ringfs.e2e.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The local disk's own figures, measured in the same run as RingFS's so that a noisy machine
 * moves both: a sequential write of the large file's bytes with an fdatasync every MiB, a
 * sequential read of it after dropping the page cache (when allowed: else it says warm), and the
 * rate of 4 KiB appends each followed by an fsync.
 */
final class DiskReference {
    private static final double FSYNC_SECONDS = 2;

    private final Figures figures;
    private final Path dir;
    private final PageCache pageCache;

    /** @param dir a directory on the disk the servers store on */
    DiskReference(Figures figures, Path dir, PageCache pageCache) {
        this.figures = figures;
        this.dir = dir;
        this.pageCache = pageCache;
    }

    void run(long size) throws IOException {
        Path file = Files.createTempFile(dir, "disk-reference-", ".bin");
        try {
            sequentialWrite(file, size);
            boolean cold = pageCache.drop();
            sequentialRead(file, cold);
            fsyncRate(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void sequentialWrite(Path file, long size) throws IOException {
        ByteBuffer mib = ByteBuffer.wrap(Pattern.mebibyte()).asReadOnlyBuffer();
        Stopwatch w = new Stopwatch();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long done = 0; done < size; ) {
                mib.clear().limit((int) Math.min(mib.capacity(), size - done));
                while (mib.hasRemaining()) done += ch.write(mib);
                ch.force(false);
            }
        }
        figures.add("disk.seq-write", Figures.MB_S, w.megabytesPerSecond(size));
    }

    private void sequentialRead(Path file, boolean cold) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Pattern.MIB);
        long total = 0;
        Stopwatch w = new Stopwatch();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int n; (n = ch.read(buffer.clear())) > 0; ) total += n;
        }
        figures.add(cold ? "disk.seq-read-cold" : "disk.seq-read-warm", Figures.MB_S, w.megabytesPerSecond(total));
    }

    private void fsyncRate(Path file) throws IOException {
        ByteBuffer record = ByteBuffer.wrap(Pattern.small(PathWorkloads.SMALL_FILE, 7)).asReadOnlyBuffer();
        long count = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            Stopwatch w = new Stopwatch();
            while (w.seconds() < FSYNC_SECONDS) {
                record.clear();
                while (record.hasRemaining()) ch.write(record);
                ch.force(true);
                count++;
            }
            figures.add("disk.fsync-4k", Figures.PER_S, w.perSecond(count));
        }
    }
}
