package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * An OutputStream over an open file, handing it a block at a time. flush() makes the bytes durable
 * (the file's flush: stored and committed); close() flushes, closes the file and reports failures.
 * The buffer starts small and doubles up to a block as the stream goes on, so a small file (a WebDAV
 * PUT of a few KiB) does not take a block-size array.
 */
final class RingFsOutputStream extends OutputStream {
    /** The first buffer's size (a smaller block takes its own). */
    static final int FIRST_BUFFER = 64 * 1024;

    private final OpenFile file;
    private final int bufferSize;
    private byte[] buffer;
    private int count;
    private long position;
    private boolean closed;

    RingFsOutputStream(OpenFile file, long startPosition, int bufferSize) {
        this.file = file;
        this.bufferSize = bufferSize;
        this.buffer = new byte[Math.min(bufferSize, FIRST_BUFFER)];
        this.position = startPosition;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        makeRoom(1);
        buffer[count++] = (byte) b;
        if (count == bufferSize) drain();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len >= bufferSize) {
            drain();
            file.write(position, b, off, len);
            position += len;
            return;
        }
        makeRoom(len);
        System.arraycopy(b, off, buffer, count, len);
        count += len;
        if (count == bufferSize) drain();
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        drain();
        file.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            drain();
        } catch (IOException e) {
            try {
                file.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        file.close();
    }

    /** Room for {@code len} more bytes (at most a buffer's worth): a larger buffer while it is not a block, else a drain. */
    private void makeRoom(int len) throws IOException {
        if (count + len <= buffer.length) return;
        if (buffer.length < bufferSize) {
            int grown = buffer.length;
            while (grown < count + len) grown *= 2;
            buffer = Arrays.copyOf(buffer, Math.min(grown, bufferSize));
            if (count + len <= buffer.length) return;
        }
        drain();
    }

    private void drain() throws IOException {
        if (count == 0) return;
        file.write(position, buffer, 0, count);
        position += count;
        count = 0;
    }

    private void ensureOpen() throws RingFsException {
        if (closed) throw new RingFsException(ErrorCode.INVALID, "stream closed");
    }
}
