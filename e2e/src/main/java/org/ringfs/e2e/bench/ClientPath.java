package org.ringfs.e2e.bench;

import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The core-client path: RingFsClient calls, as an application linking the client makes them. */
final class ClientPath implements AccessPath {
    private static final int UID = 0;
    private static final int GID = 0;

    private final RingFsClient fs;

    ClientPath(RingFsClient fs) {
        this.fs = fs;
    }

    @Override
    public String name() { return "client"; }

    @Override
    public void mkdir(String path) throws IOException {
        fs.mkdir(path, 0755, UID, GID);
    }

    @Override
    public void writeLarge(String path, long size) throws IOException {
        byte[] mib = Pattern.mebibyte();
        try (OutputStream out = fs.openOutput(path, false, UID, GID)) {
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(mib.length, size - done);
                out.write(mib, 0, n);
                done += n;
            }
        }
    }

    @Override
    public long readLarge(String path) throws IOException {
        byte[] buffer = new byte[Pattern.MIB];
        long total = 0;
        try (InputStream in = fs.openInput(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) total += n;
        }
        return total;
    }

    @Override
    public RangeReader openRanges(String path) throws IOException {
        OpenFile file = fs.open(path, false);
        return new RangeReader() {
            @Override
            public int read(long offset, byte[] into, int length) throws IOException {
                return file.read(offset, into, 0, length);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Override
    public void writeSmall(String path, byte[] bytes) throws IOException {
        try (OpenFile file = fs.create(path, 0644, UID, GID, true)) {
            file.write(0, bytes, 0, bytes.length);
        }
    }

    @Override
    public long stat(String path) throws IOException {
        return fs.stat(path).size();
    }

    @Override
    public int list(String path) throws IOException {
        return fs.list(path).size();
    }

    @Override
    public int readSmall(String path) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int total = 0;
        try (OpenFile file = fs.open(path, false)) {
            for (int n; (n = file.read(total, buffer, 0, buffer.length)) > 0; ) total += n;
        }
        return total;
    }

    @Override
    public void rename(String from, String to) throws IOException {
        fs.rename(from, to);
    }

    @Override
    public void delete(String path) throws IOException {
        fs.unlink(path);
    }

    @Override
    public void deleteTree(String path) throws IOException {
        fs.removeTree(path);
    }

    @Override
    public void close() {
        // The client belongs to the bench, which closes it with the cluster.
    }
}
