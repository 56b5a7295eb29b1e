package org.ringfs.cli.files;

import org.ringfs.cli.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies a stream in large pieces: the client writes whole blocks, so small writes only cost copying. */
final class StreamCopy {
    static final int BUFFER = 1 << 20;

    private StreamCopy() {}

    /** Copies all of {@code in} to {@code out}, counting each piece written on {@code progress}; returns the bytes copied. */
    static long copy(InputStream in, OutputStream out, Progress progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
            out.write(buffer, 0, n);
            total += n;
            progress.stepBy(n);
        }
        return total;
    }
}
