package org.ringfs.meta.rpc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockScanPage;
import org.ringfs.api.BlockWrite;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.DavLock;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.FileType;
import org.ringfs.api.FreedBlocks;
import org.ringfs.api.Heartbeat;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerVitals;
import org.ringfs.api.SetAttributes;
import org.ringfs.api.StatFs;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.MetaClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ringfs.meta.Errors.assertFails;

/** Every operation through a real MetaServer on an ephemeral port and the real MetaClient. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetaRpcRoundTripTest {
    @TempDir static Path dir;
    MetaServer server;
    MetaService meta;
    long session;

    @BeforeAll
    void start() throws Exception {
        server = MetaServer.builder().dir(dir).port(0).blockSize(1024)
                .initialRing(List.of("data-1", "data-2", "data-3", "data-4", "data-5")).start();
        meta = MetaClient.connect(server.address(), Duration.ofSeconds(10), null, null);
        session = meta.openSession("test");
    }

    @AfterAll
    void stop() { server.close(); }

    /** The packed listing says over the wire what the XML one says: the same entries in the same order. */
    @Test
    void packedListingsEqualXmlListings() throws Exception {
        meta.mkdir("/packed", 0755, 7, 8);
        assertThat(meta.listPacked("/packed").entries()).isEmpty();
        List<String> names = List.of("b", "a", "Z", "\u00e9t\u00e9", "\u65e5\u672c", "x".repeat(255), "a b", "-");
        for (String n : names) meta.create("/packed/" + n, 0640, 1, 2, true);
        meta.mkdir("/packed/dir", 0700, 3, 4);
        meta.symlink("/packed/link", "b", 5, 6);
        List<DirectoryEntry> xml = meta.list("/packed");
        assertThat(xml).hasSize(names.size() + 2);
        assertThat(meta.listPacked("/packed").entries()).isEqualTo(xml);
        assertFails(ErrorCode.NOT_FOUND, () -> meta.listPacked("/packed/none"));
        assertFails(ErrorCode.NOT_DIRECTORY, () -> meta.listPacked("/packed/b"));
    }

    @Test
    void namespaceOperations() throws Exception {
        InodeAttributes d = meta.mkdir("/rt", 0750, 1000, 100);
        assertThat(d.isDirectory()).isTrue();
        assertThat(meta.stat("/rt")).isEqualTo(d);
        assertThat(meta.inode(d.id())).isEqualTo(d);
        InodeAttributes f = meta.create("/rt/f", 0644, 1000, 100, true);
        assertThat(meta.create("/rt/f", 0644, 0, 0, false)).isEqualTo(f);
        InodeAttributes fifo = meta.mknod("/rt/fifo", FileType.FIFO, 0600, 0, 1, 1);
        assertThat(fifo.type()).isEqualTo(FileType.FIFO);
        assertThat(meta.symlink("/rt/l", "f", 1, 1).isSymlink()).isTrue();
        assertThat(meta.readlink("/rt/l")).isEqualTo("f");
        assertThat(meta.link("/rt/f", "/rt/g").nlink()).isEqualTo(2);
        assertThat(meta.list("/rt")).extracting(DirectoryEntry::name).containsExactly("f", "fifo", "g", "l");
        assertThat(meta.rename("/rt/g", "/rt/h")).isEqualTo(FreedBlocks.NONE);
        assertThat(meta.unlink("/rt/h").freed()).isEqualTo(FreedBlocks.NONE);
        assertThat(meta.setAttributes("/rt/f", new SetAttributes(0600, 5, 6, 7L, 8L)))
                .extracting(InodeAttributes::mode, InodeAttributes::uid, InodeAttributes::gid,
                        InodeAttributes::atimeNanos, InodeAttributes::mtimeNanos)
                .containsExactly(0600, 5, 6, 7L, 8L);
        assertThat(meta.unlink("/rt/f").freed()).isEqualTo(new FreedBlocks(f.id(), 0, 0));
        meta.unlink("/rt/fifo");
        meta.unlink("/rt/l");
        assertThat(meta.rmdir("/rt").parent()).as("the root as the rmdir left it").isEqualTo(meta.stat("/"));
        assertFails(ErrorCode.NOT_FOUND, () -> meta.stat("/rt"));
    }

    @Test
    void errorCodesCrossTheWire() throws Exception {
        assertFails(ErrorCode.NOT_FOUND, () -> meta.stat("/no/such/path"));
        assertFails(ErrorCode.INVALID, () -> meta.stat("/a//b"));
        assertFails(ErrorCode.NAME_TOO_LONG, () -> meta.stat("/" + "n".repeat(300)));
        assertFails(ErrorCode.STALE, () -> meta.inode(999_999));
        meta.mkdir("/err", 0755, 0, 0);
        meta.create("/err/f", 0644, 0, 0, false);
        assertFails(ErrorCode.EXISTS, () -> meta.mkdir("/err", 0755, 0, 0));
        assertFails(ErrorCode.NOT_EMPTY, () -> meta.rmdir("/err"));
        assertFails(ErrorCode.NOT_DIRECTORY, () -> meta.list("/err/f"));
        assertFails(ErrorCode.IS_DIRECTORY, () -> meta.unlink("/err"));
        assertFails(ErrorCode.INVALID, () -> meta.rename("/err", "/err/f/x"));
        assertFails(ErrorCode.NOT_PERMITTED, () -> meta.rmdir("/"));
        assertFails(ErrorCode.NO_ATTRIBUTE, () -> meta.getXattr("/err", "user.none"));
        try {
            meta.stat("/no/such/path");
        } catch (RingFsException e) {
            assertThat(e.getMessage()).contains("/no/such/path").doesNotContain("at org.");
        }
    }

    @Test
    void fileContents() throws Exception {
        InodeAttributes f = meta.create("/contents", 0644, 0, 0, false);
        long gen = meta.allocateGenerations(session, 2);
        assertThat(gen).isPositive();
        List<String> all = List.of("data-1", "data-2", "data-3", "data-4", "data-5");
        BlockWrite b0 = new BlockWrite(new BlockInfo(0, gen, 1024, 0xCAFEBABE), 0, all);
        BlockWrite b1 = new BlockWrite(new BlockInfo(1, gen + 1, 10, -1), 0, all.subList(0, 1));
        InodeAttributes committed = meta.commit(session, f.id(), 1034, 42L, List.of(b0, b1));
        assertThat(committed.size()).isEqualTo(1034);
        assertThat(committed.mtimeNanos()).isEqualTo(42L);
        FileBlocks blocks = meta.blocks(f.id(), 0, 1);
        assertThat(blocks.blocks()).containsExactly(b0.block());
        assertThat(blocks.nextIndex()).isEqualTo(1);
        assertThat(meta.blocks(f.id(), 1, 10).blocks()).containsExactly(b1.block());
        assertThat(meta.clusterMap().underReplicatedBlocks()).isEqualTo(1);
        assertFails(ErrorCode.CONFLICT, () -> meta.commit(session, f.id(), 0, 1L, List.of(b0)));
        assertFails(ErrorCode.CONFLICT, () -> meta.commitAppend(session, f.id(), 1000, 1010, 1L, List.of()));
        assertThat(meta.commitAppend(session, f.id(), 1034, 1034, 43L, List.of()).mtimeNanos()).isEqualTo(43L);
        BlockScanPage page = meta.scanBlocks(f.id(), -1, 100);
        assertThat(page.blocks()).hasSize(2);
        assertThat(page.done()).isTrue();
        long gen2 = meta.allocateGenerations(session, 1);
        BlockWrite cut = new BlockWrite(new BlockInfo(0, gen2, 100, 7), gen, all);
        assertThat(meta.truncate(session, f.id(), 100, cut)).isEqualTo(new FreedBlocks(f.id(), 1, 2));
        assertThat(meta.truncate(session, f.id(), 0, null)).isEqualTo(new FreedBlocks(f.id(), 0, 1));
        assertThat(meta.stat("/contents").size()).isZero();
        assertThat(meta.clusterMap().underReplicatedBlocks()).isZero();
        assertFails(ErrorCode.INVALID, () -> meta.allocateGenerations(session, 0));
    }

    @Test
    void xattrs() throws Exception {
        meta.create("/x", 0644, 0, 0, false);
        meta.setXattr("/x", "user.a", new byte[] {1, 2, 3}, MetaService.XATTR_CREATE);
        meta.setXattr("/x", "user.b", new byte[0], 0);
        assertThat(meta.getXattr("/x", "user.a")).containsExactly(1, 2, 3);
        assertThat(meta.getXattr("/x", "user.b")).isEmpty();
        assertThat(meta.listXattrs("/x")).containsExactly("user.a", "user.b");
        assertFails(ErrorCode.EXISTS, () -> meta.setXattr("/x", "user.a", new byte[1], MetaService.XATTR_CREATE));
        meta.removeXattr("/x", "user.a");
        assertFails(ErrorCode.NO_ATTRIBUTE, () -> meta.removeXattr("/x", "user.a"));
    }

    @Test
    void cluster() throws Exception {
        HeartbeatReply reply = meta.heartbeat(new Heartbeat("data-2", "127.0.0.1:9002",
                new ServerVitals(3000, 1500, 4, 400, false, 0, 0, 0), "", 0, 0));
        assertThat(reply.reconcile()).isTrue();
        ClusterMap map = meta.clusterMap();
        assertThat(map.names()).startsWith("data-1", "data-2", "data-3", "data-4", "data-5");
        assertThat(map.blockSize()).isEqualTo(1024);
        assertThat(map.server("data-2").alive()).isTrue();
        assertThat(map.server("data-2").address()).isEqualTo("127.0.0.1:9002");
        assertThat(map.server("data-1").alive()).isFalse();
        StatFs fs = meta.statfs();
        assertThat(fs.blockSize()).isEqualTo(1024);
        assertThat(fs.totalBytes()).isEqualTo(1000);
        assertThat(fs.freeBytes()).isEqualTo(500);
        assertThat(fs.files()).isPositive();
    }

    @Test
    void davLocks() throws Exception {
        DavLock l = meta.lock("/locked", true, true, null, "alice", 120);
        assertThat(l.ownerXml()).isNull();
        assertThat(meta.lockByToken(l.token())).isEqualTo(l);
        assertFails(ErrorCode.LOCKED, () -> meta.lock("/locked/f", false, false, "<D:owner/>", "bob", 60));
        DavLock shared = meta.lock("/other", false, false, "<D:owner xmlns:D=\"DAV:\">bob</D:owner>", "bob", 60);
        assertThat(meta.lockByToken(shared.token()).ownerXml()).isEqualTo(shared.ownerXml());
        assertThat(meta.locks("/locked/f", false)).containsExactly(l);
        assertThat(meta.locks("/", true)).containsExactlyInAnyOrder(l, shared);
        assertThat(meta.refreshLock(l.token(), 300).timeoutSeconds()).isEqualTo(300);
        assertThat(meta.unlock(l.token())).isTrue();
        assertThat(meta.unlock(l.token())).isFalse();
        assertFails(ErrorCode.NOT_FOUND, () -> meta.refreshLock(l.token(), 300));
        meta.releaseLocks("/");
        assertThat(meta.locks("/", true)).isEmpty();
    }
}
