package org.ringfs.e2e.safety;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.e2e.cluster.MiniRingFsCluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ringfs.e2e.safety.AcknowledgedWritesTest.cleanAfterSweeps;
import static org.ringfs.e2e.safety.AcknowledgedWritesTest.random;
import static org.ringfs.e2e.safety.AcknowledgedWritesTest.read;

/**
 * POSIX open-unlinked files across clients (two clients are two mounts or fronts: two writer
 * sessions): a file unlinked or replaced by rename while another client has it open stays readable
 * and writable through that handle, and its copies go only after its last close. On 6e485c3 the
 * reader got ENOENT and the blocks were deleted under it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OpenUnlinkedFilesTest {
    static final int BLOCK = 256 * 1024;

    MiniRingFsCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(4).blockSize(BLOCK).processes(true).build();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void aFileUnlinkedByAnotherClientStaysReadableAndWritableUntilItsLastClose() throws Exception {
        RingFsClient other = cluster.client();
        byte[] data = random(12 * BLOCK, 11);
        write(other, "/unlinked", data);
        RingFsClient mine = cluster.client();
        OpenFile f = mine.open("/unlinked", false);
        byte[] first = new byte[1];
        assertThat(f.read(0, first, 0, 1)).isEqualTo(1);

        other.unlink("/unlinked");
        Thread.sleep(3000); // a freed-record sweep or more: nothing of it may go while it is open
        byte[] rest = new byte[data.length];
        for (int at = 0; at < rest.length; ) at += f.read(at, rest, at, rest.length - at);
        assertThat(rest).isEqualTo(data);
        byte[] tail = random(BLOCK, 12);
        f.write(data.length, tail, 0, tail.length);
        f.flush(); // commits to the nameless inode
        assertThat(f.attributes().nlink()).isZero();
        assertThat(f.attributes().size()).isEqualTo(data.length + tail.length);
        long inode = f.inode();
        f.close();

        assertThat(cleanAfterSweeps(cluster.client())).isTrue();
        MiniRingFsCluster.waitUntil(() -> copiesOf(inode) == 0, Duration.ofSeconds(20)); // freed at the last close
    }

    @Test
    void aFileReplacedByRenameKeepsServingItsReaderTheOldBytes() throws Exception {
        RingFsClient editor = cluster.client();
        byte[] before = random(5 * BLOCK, 21);
        byte[] after = random(3 * BLOCK, 22);
        write(editor, "/doc", before);
        RingFsClient viewer = cluster.client();
        try (OpenFile f = viewer.open("/doc", false)) {
            write(editor, "/doc.tmp", after);
            editor.rename("/doc.tmp", "/doc"); // how editors, package managers and rsync save
            Thread.sleep(3000);
            byte[] got = new byte[before.length];
            for (int at = 0; at < got.length; ) at += f.read(at, got, at, got.length - at);
            assertThat(got).isEqualTo(before);
        }
        assertThat(read(cluster.client(), "/doc")).isEqualTo(after);
        assertThat(cleanAfterSweeps(cluster.client())).isTrue();
    }

    @Test
    void aClientThatGoesAwayWithTheFileOpenReleasesIt() throws Exception {
        RingFsClient other = cluster.client();
        write(other, "/abandoned", random(4 * BLOCK, 31));
        RingFsClient leaving = cluster.client();
        OpenFile f = leaving.open("/abandoned", false);
        long inode = f.inode();
        other.unlink("/abandoned");
        Thread.sleep(2500);
        assertThat(copiesOf(inode)).isPositive();
        leaving.close(); // its session ends, and with it every inode it held
        MiniRingFsCluster.waitUntil(() -> copiesOf(inode) == 0, Duration.ofSeconds(20));
        assertThatThrownBy(() -> cluster.metaService().inode(inode)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE));
    }

    private long copiesOf(long inode) {
        long n = 0;
        for (String s : cluster.dataServerNames()) {
            try {
                n += cluster.blockService(s).list(null, 10_000).stream()
                        .filter(c -> c.key().inode() == inode).count();
            } catch (RingFsException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }

    private static void write(RingFsClient fs, String path, byte[] data) throws RingFsException {
        try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
            f.truncate(0);
            f.write(0, data, 0, data.length);
        }
    }

}
