package org.ringfs.client;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An InputStream over an open file, reading a block at a time; closing it closes the file. A
 * window stream ({@link #window}) starts at an offset without reading what lies before it (a
 * seek, not a skip) and ends at its end: a ranged GET reads only its range.
 */
final class RingFsInputStream extends InputStream {
    private final OpenFile file;
    /** Made at the first read smaller than {@link #DIRECT_READ}: a stream read in big pieces never needs it. */
    private byte[] buffer;
    private final int bufferSize;
    private int bufferPosition;
    private int bufferLength;
    /** File position of the byte after the buffered ones. */
    private long filePosition;
    /** The stream ends here (exclusive): Long.MAX_VALUE for a whole-file stream. */
    private final long end;
    private boolean closed;

    /**
     * Reads of at least this many bytes go straight into the caller's array when nothing is buffered,
     * even when the buffer is bigger (a block): a WebDAV GET reading 256 KiB at a time got each block
     * copied once more, from the block into this buffer and from it into the GET's.
     */
    static final int DIRECT_READ = 64 * 1024;

    RingFsInputStream(OpenFile file, int bufferSize) {
        this(file, bufferSize, 0, Long.MAX_VALUE);
    }

    private RingFsInputStream(OpenFile file, int bufferSize, long start, long end) {
        this.file = file;
        this.bufferSize = bufferSize;
        this.filePosition = start;
        this.end = end;
    }

    /**
     * The bytes [start, start + length) of {@code file} (fewer when the file is shorter). The
     * buffer is at most a block and no larger than the window; the file is told where reads stop.
     */
    static RingFsInputStream window(OpenFileHandle file, int blockSize, long start, long length) {
        if (start < 0 || length < 0) throw new IllegalArgumentException("bad window " + start + "+" + length);
        long end = length > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + length;
        file.readWindow(start, end);
        int bufferSize = (int) Math.max(1, Math.min(blockSize, length));
        return new RingFsInputStream(file, bufferSize, start, end);
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
            if (filePosition >= end) return -1;
            len = (int) Math.min(len, end - filePosition);
            if (len >= Math.min(bufferSize, DIRECT_READ)) { // a big read goes straight to the file
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
        long rest = Math.min(n - fromBuffer, Math.max(0, Math.min(end, file.size()) - filePosition));
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
        if (filePosition >= end) return false;
        if (buffer == null) buffer = new byte[bufferSize];
        int n = file.read(filePosition, buffer, 0, (int) Math.min(buffer.length, end - filePosition));
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
