package org.ringfs.client;

import java.util.Arrays;

/**
 * Where a read of an open file puts its bytes, by position within the read: an array, or memory the
 * caller owns (a FUSE request's buffer), so the bytes go there from the verified block in one copy.
 */
public interface ReadTarget {
    /** Puts {@code length} bytes of {@code src} from {@code srcOffset} at {@code at}. */
    void put(int at, byte[] src, int srcOffset, int length);

    /** Puts {@code length} zeros at {@code at} (a hole, or bytes past a block's end). */
    void zero(int at, int length);

    /** {@code buffer} from {@code offset} on. */
    static ReadTarget of(byte[] buffer, int offset) {
        return new ReadTarget() {
            @Override
            public void put(int at, byte[] src, int srcOffset, int length) {
                System.arraycopy(src, srcOffset, buffer, offset + at, length);
            }

            @Override
            public void zero(int at, int length) {
                Arrays.fill(buffer, offset + at, offset + at + length, (byte) 0);
            }
        };
    }
}
