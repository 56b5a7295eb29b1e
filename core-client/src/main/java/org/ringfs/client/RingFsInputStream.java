package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** An InputStream over an open file, reading a block at a time; closing it closes the file. */
final class RingFsInputStream extends InputStream {
    private final OpenFile file;
    private final byte[] buffer;
    private int bufferPosition;
    private int bufferLength;
    /** File position of the byte after the buffered ones. */
    private long filePosition;
    private boolean closed;

    RingFsInputStream(OpenFile file, int bufferSize) {
        this.file = file;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        if (bufferPosition == bufferLength && !fill()) return -1;
        return buffer[bufferPosition++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) return 0;
        if (bufferPosition == bufferLength) {
            if (len >= buffer.length) { // a big read goes straight to the file
                int n = file.read(filePosition, b, off, len);
                if (n > 0) filePosition += n;
                return n;
            }
            if (!fill()) return -1;
        }
        int n = Math.min(len, bufferLength - bufferPosition);
        System.arraycopy(buffer, bufferPosition, b, off, n);
        bufferPosition += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        if (n <= 0) return 0;
        long fromBuffer = Math.min(n, bufferLength - bufferPosition);
        bufferPosition += (int) fromBuffer;
        long rest = Math.min(n - fromBuffer, Math.max(0, file.size() - filePosition));
        filePosition += rest;
        return fromBuffer + rest;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return bufferLength - bufferPosition;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        file.close();
    }

    private boolean fill() throws IOException {
        ensureOpen();
        int n = file.read(filePosition, buffer, 0, buffer.length);
        if (n <= 0) return false;
        filePosition += n;
        bufferPosition = 0;
        bufferLength = n;
        return true;
    }

    private void ensureOpen() throws RingFsException {
        if (closed) throw new RingFsException(ErrorCode.INVALID, "stream closed");
    }
}
