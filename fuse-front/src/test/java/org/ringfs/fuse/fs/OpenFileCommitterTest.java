package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The background commit's bookkeeping, with an open file that buffers writes until its flush:
 * a file is committed once its oldest uncommitted write is the delay old, not before and not again
 * without a new write; a failed commit is tried again; a file closed under the commit is passed
 * over; and a writer racing the commit never has a write left uncommitted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenFileCommitterTest {
    private static final long SECOND = 1_000_000_000L;

    /** Buffers appended bytes; a flush commits them (or fails while told to); closed, it refuses. */
    static final class BufferingFile implements OpenFile {
        final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        final ByteArrayOutputStream committed = new ByteArrayOutputStream();
        final AtomicInteger flushes = new AtomicInteger();
        volatile boolean failing;
        volatile boolean closed;

        @Override public long inode() { return 7; }
        @Override public synchronized long size() { return committed.size() + buffered.size(); }
        @Override public int read(long position, byte[] buffer, int offset, int length) { return -1; }
        @Override public void write(long position, byte[] buffer, int offset, int length) { append(buffer, offset, length); }
        @Override public synchronized long append(byte[] buffer, int offset, int length) {
            long at = size();
            buffered.write(buffer, offset, length);
            return at;
        }
        @Override public void truncate(long size) {}
        @Override public synchronized void flush() throws RingFsException {
            if (closed) throw new RingFsException(ErrorCode.INVALID, "closed");
            if (failing) throw new RingFsException(ErrorCode.IO_ERROR, "servers away");
            flushes.incrementAndGet();
            committed.writeBytes(buffered.toByteArray());
            buffered.reset();
        }
        @Override public InodeAttributes attributes() { throw new UnsupportedOperationException(); }
        @Override public synchronized void close() { closed = true; }
    }

    private final OpenHandles handles = new OpenHandles();
    private final BufferingFile file = new BufferingFile();
    private final OpenFileCommitter committer = new OpenFileCommitter(handles, Duration.ofSeconds(5), OpenFile::flush);

    private SharedFile open() throws RingFsException {
        long fh = handles.add(file, OpenFlags.of(0), true);
        return handles.get(fh).shared();
    }

    private void write(SharedFile shared, String text) {
        byte[] b = text.getBytes();
        file.append(b, 0, b.length);
        shared.markWritten();
    }

    @Test
    void aFileIsCommittedOnceItsOldestWriteIsTheDelayOldAndNotAgainWithoutANewWrite() throws Exception {
        SharedFile shared = open();
        long now = System.nanoTime();
        assertThat(committer.commitDue(now + 10 * SECOND)).as("nothing written").isZero();
        write(shared, "a");
        long t = System.nanoTime();
        assertThat(committer.commitDue(t + 4 * SECOND)).isZero();
        write(shared, "b"); // a later write does not move the oldest one's time
        assertThat(committer.commitDue(t + 5 * SECOND + 1)).isEqualTo(1);
        assertThat(file.committed.toString()).isEqualTo("ab");
        assertThat(committer.commitDue(t + 60 * SECOND)).as("nothing new").isZero();
        write(shared, "c");
        long t2 = System.nanoTime();
        assertThat(committer.commitDue(t2 + 4 * SECOND)).isZero();
        assertThat(committer.commitDue(t2 + 5 * SECOND + 1)).isEqualTo(1);
        assertThat(file.committed.toString()).isEqualTo("abc");
        assertThat(file.flushes.get()).isEqualTo(2);
    }

    @Test
    void aFailedCommitIsTriedAgainAtTheNextTick() throws Exception {
        SharedFile shared = open();
        write(shared, "kept");
        long t = System.nanoTime();
        file.failing = true;
        assertThat(committer.commitDue(t + 6 * SECOND)).isZero();
        file.failing = false;
        assertThat(committer.commitDue(t + 6 * SECOND)).as("as old as it was").isEqualTo(1);
        assertThat(file.committed.toString()).isEqualTo("kept");
    }

    @Test
    void aFileClosedUnderTheCommitIsPassedOver() throws Exception {
        long fh = handles.add(file, OpenFlags.of(0), true);
        SharedFile shared = handles.get(fh).shared();
        write(shared, "x");
        // The last release (flush, close) comes between the tick's take and its flush.
        OpenFileCommitter racing = new OpenFileCommitter(handles, Duration.ofSeconds(5), f -> {
            handles.release(fh);
            f.flush();
        });
        assertThat(racing.commitDue(System.nanoTime() + 6 * SECOND)).isZero();
        assertThat(file.closed).isTrue();
        assertThat(file.committed.toString()).as("the close committed it").isEqualTo("x");
        assertThat(shared.takeDue(System.nanoTime() + 60 * SECOND, 1)).as("not waiting again").isZero();
    }

    @Test
    void aWriterRacingTheCommitNeverLeavesAWriteUncommitted() throws Exception {
        SharedFile shared = open();
        OpenFileCommitter eager = new OpenFileCommitter(handles, Duration.ofNanos(1), OpenFile::flush);
        AtomicBoolean done = new AtomicBoolean();
        Thread ticker = new Thread(() -> {
            while (!done.get()) eager.commitDue(System.nanoTime());
        });
        ticker.start();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String s = i + ",";
            write(shared, s);
            all.append(s);
        }
        done.set(true);
        ticker.join();
        // Whatever the ticker missed is still marked: one more pass commits it.
        eager.commitDue(System.nanoTime() + SECOND);
        assertThat(file.buffered.size()).isZero();
        assertThat(file.committed.toString()).isEqualTo(all.toString());
        assertThat(file.flushes.get()).isGreaterThan(1);
    }
}
