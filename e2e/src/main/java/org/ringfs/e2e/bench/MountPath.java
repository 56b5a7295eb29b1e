package org.ringfs.e2e.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A file system path reached through the kernel: plain java.nio calls under a mount point, as any
 * program on a FUSE mount makes them. Big transfers go 1 MiB per call (the kernel splits them
 * into its own request size).
 */
final class MountPath implements AccessPath {
    private final String name;
    private final Path root;
    private final AutoCloseable mount;

    /** @param mount what to close when the path is done with (the mount process), or null */
    MountPath(String name, Path root, AutoCloseable mount) {
        this.name = name;
        this.root = root;
        this.mount = mount;
    }

    @Override
    public String name() { return name; }

    /** Where a RingFS path is under the mount point. */
    Path at(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public void mkdir(String path) throws IOException {
        Files.createDirectory(at(path));
    }

    @Override
    public void writeLarge(String path, long size) throws IOException {
        ByteBuffer mib = ByteBuffer.wrap(Pattern.mebibyte()).asReadOnlyBuffer();
        try (FileChannel ch = FileChannel.open(at(path), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long done = 0; done < size; ) {
                mib.clear().limit((int) Math.min(mib.capacity(), size - done));
                while (mib.hasRemaining()) done += ch.write(mib);
            }
            ch.force(false); // durable, as the client path's close is
        }
    }

    @Override
    public long readLarge(String path) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Pattern.MIB);
        long total = 0;
        try (FileChannel ch = FileChannel.open(at(path), StandardOpenOption.READ)) {
            for (int n; (n = ch.read(buffer.clear())) > 0; ) total += n;
        }
        return total;
    }

    @Override
    public RangeReader openRanges(String path) throws IOException {
        FileChannel ch = FileChannel.open(at(path), StandardOpenOption.READ);
        return new RangeReader() {
            @Override
            public int read(long offset, byte[] into, int length) throws IOException {
                return ch.read(ByteBuffer.wrap(into, 0, length), offset);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    @Override
    public void writeSmall(String path, byte[] bytes) throws IOException {
        Files.write(at(path), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public long stat(String path) throws IOException {
        return Files.size(at(path));
    }

    @Override
    public int list(String path) throws IOException {
        try (Stream<Path> entries = Files.list(at(path))) {
            return (int) entries.count();
        }
    }

    @Override
    public int readSmall(String path) throws IOException {
        return Files.readAllBytes(at(path)).length;
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Files.move(at(from), at(to), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String path) throws IOException {
        Files.delete(at(path));
    }

    @Override
    public void deleteTree(String path) throws IOException {
        Path top = at(path);
        if (!Files.exists(top)) return;
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Override
    public void close() throws IOException {
        if (mount == null) return;
        try {
            mount.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("closing " + name + " failed", e);
        }
    }
}
