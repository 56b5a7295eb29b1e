package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;
import org.ringfs.api.InodeAttributes;
import org.ringfs.client.OpenFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One open file per inode on a mount, shared by its handles and closed by the last release. */
class OpenHandlesTest {
    private static final OpenFlags APPEND = OpenFlags.of(OpenFlags.O_WRONLY | OpenFlags.O_APPEND);

    /** An open file with its own size and buffer, as the client's is: two of them would not see each other. */
    private static final class BufferedFile implements OpenFile {
        final long inode;
        byte[] bytes = new byte[0];
        int flushes;
        int closes;

        BufferedFile(long inode) { this.inode = inode; }

        @Override public long inode() { return inode; }

        @Override public synchronized long size() { return bytes.length; }

        @Override public synchronized int read(long position, byte[] buffer, int offset, int length) {
            if (position >= bytes.length) return -1;
            int n = (int) Math.min(length, bytes.length - position);
            System.arraycopy(bytes, (int) position, buffer, offset, n);
            return n;
        }

        @Override public synchronized void write(long position, byte[] buffer, int offset, int length) {
            if (position + length > bytes.length) bytes = Arrays.copyOf(bytes, (int) position + length);
            System.arraycopy(buffer, offset, bytes, (int) position, length);
        }

        @Override public synchronized long append(byte[] buffer, int offset, int length) {
            long at = bytes.length;
            write(at, buffer, offset, length);
            return at;
        }

        @Override public synchronized void truncate(long size) { bytes = Arrays.copyOf(bytes, (int) size); }

        @Override public synchronized void flush() { flushes++; }

        @Override public InodeAttributes attributes() { throw new UnsupportedOperationException(); }

        @Override public synchronized void close() { closes++; }
    }

    @Test
    void theFileOpenUnderAPathFollowsThisMountsRenamesAndIsTheLatestOpen() throws Exception {
        OpenHandles handles = new OpenHandles();
        long a = handles.add(new BufferedFile(7), APPEND, true, "/d/f");
        long b = handles.add(new BufferedFile(8), APPEND, true, "/d/f"); // the name was made again
        handles.add(new BufferedFile(9), APPEND, true, "/d/g");
        handles.add(new BufferedFile(10), APPEND, true, "/df");

        assertThat(handles.openAt("/d/f")).get().extracting(SharedFile::inode).isEqualTo(8L);
        handles.release(b);
        assertThat(handles.openAt("/d/f")).get().extracting(SharedFile::inode).isEqualTo(7L);

        handles.renamed("/d", "/e"); // a directory rename takes the paths below it, not "/df"
        assertThat(handles.openAt("/d/f")).isEmpty();
        assertThat(handles.openAt("/e/f")).get().extracting(SharedFile::inode).isEqualTo(7L);
        assertThat(handles.openAt("/e/g")).get().extracting(SharedFile::inode).isEqualTo(9L);
        assertThat(handles.openAt("/df")).get().extracting(SharedFile::inode).isEqualTo(10L);
        assertThat(handles.get(a).path()).isEqualTo("/e/f");

        handles.release(a);
        assertThat(handles.openAt("/e/f")).isEmpty();
        assertThat(handles.openAt(null)).isEmpty();
    }

    @Test
    void handlesOfOneInodeShareItsOpenFileUntilTheLastRelease() throws Exception {
        OpenHandles handles = new OpenHandles();
        BufferedFile first = new BufferedFile(7);
        BufferedFile second = new BufferedFile(7);
        long a = handles.add(first, APPEND, true);
        long b = handles.add(second, APPEND, true);

        assertThat(handles.get(b).file()).isSameAs(first);
        assertThat(second.closes).as("the second open's own file is closed unused").isEqualTo(1);
        handles.get(a).file().append(new byte[100], 0, 100);
        handles.get(b).file().append(new byte[100], 0, 100);
        assertThat(first.size()).isEqualTo(200);

        handles.release(a);
        assertThat(first.closes).isZero();
        assertThat(handles.of(7)).isPresent();
        handles.release(b);
        assertThat(first.flushes).isEqualTo(1);
        assertThat(first.closes).isEqualTo(1);
        assertThat(handles.of(7)).isEmpty();

        BufferedFile third = new BufferedFile(7);
        assertThat(handles.get(handles.add(third, APPEND, true)).file()).as("a new open after the last close")
                .isSameAs(third);
    }

    @Test
    void otherInodesGetTheirOwnFiles() throws Exception {
        OpenHandles handles = new OpenHandles();
        BufferedFile one = new BufferedFile(1);
        BufferedFile two = new BufferedFile(2);
        assertThat(handles.get(handles.add(one, APPEND, true)).file()).isSameAs(one);
        assertThat(handles.get(handles.add(two, APPEND, true)).file()).isSameAs(two);
        assertThat(handles.all()).hasSize(2);
    }

    @Test
    void appendsThroughEightHandlesLandWholeAndInOrder() throws Exception {
        OpenHandles handles = new OpenHandles();
        List<Long> fhs = new ArrayList<>();
        for (int i = 0; i < 8; i++) fhs.add(handles.add(new BufferedFile(9), APPEND, true));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    OpenFile f = handles.get(fhs.get(writer)).file();
                    for (int k = 0; k < 500; k++) {
                        byte[] record = String.format("w%d-%05d\n", writer, k).getBytes(StandardCharsets.US_ASCII);
                        f.append(record, 0, record.length);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        OpenFile file = handles.get(fhs.get(0)).file();
        byte[] all = new byte[(int) file.size()];
        file.read(0, all, 0, all.length);
        String[] lines = new String(all, StandardCharsets.US_ASCII).split("\n");
        assertThat(lines).hasSize(8 * 500);
        Set<String> seen = new HashSet<>(Arrays.asList(lines));
        assertThat(seen).hasSize(8 * 500);
        int[] next = new int[8];
        for (String line : lines) {
            int writer = line.charAt(1) - '0';
            assertThat(line).isEqualTo(String.format("w%d-%05d", writer, next[writer]++));
        }
    }
}
