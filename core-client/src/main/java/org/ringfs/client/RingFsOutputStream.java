package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An OutputStream over an open file, handing it a block at a time. flush() makes the bytes durable
 * (the file's flush: stored and committed); close() flushes, closes the file and reports failures.
 */
final class RingFsOutputStream extends OutputStream {
    private final OpenFile file;
    private final byte[] buffer;
    private int count;
    private long position;
    private boolean closed;

    RingFsOutputStream(OpenFile file, long startPosition, int bufferSize) {
        this.file = file;
        this.buffer = new byte[bufferSize];
        this.position = startPosition;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        buffer[count++] = (byte) b;
        if (count == buffer.length) drain();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len >= buffer.length) {
            drain();
            file.write(position, b, off, len);
            position += len;
            return;
        }
        if (count + len > buffer.length) drain();
        System.arraycopy(b, off, buffer, count, len);
        count += len;
        if (count == buffer.length) drain();
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
