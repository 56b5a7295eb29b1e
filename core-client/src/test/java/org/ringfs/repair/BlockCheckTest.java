package org.ringfs.repair;

import org.junit.jupiter.api.Test;
import org.ringfs.api.BlockInfo;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlock;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A block whose copies are all gone: a fault while meta still has the row fsck scanned (or cannot
 * say), no fault when the row changed since. Meta is a small stand-in answering {@code blocks}; no
 * server holds anything, so a repair finds no source and calls no server.
 */
class BlockCheckTest {
    static final long INODE = 7;
    static final BlockInfo SCANNED = new BlockInfo(2, 40, 1000, 0x1234);
    static final List<String> TARGETS = List.of("d1", "d2", "d3");

    final FsckReport.Builder report = new FsckReport.Builder();

    @Test
    void copiesMissingWhileMetaStillHasTheScannedRowAreMissing() {
        check(metaAnswering(() -> new FileBlocks(INODE, 3000, List.of(SCANNED), -1)));

        assertThat(report.build().count(FindingType.MISSING)).isEqualTo(3);
        assertThat(report.build().changed()).isZero();
    }

    @Test
    void copiesMissingOfABlockRewrittenRemovedOrCutOffSinceTheScanAreNoFault() {
        check(metaAnswering(() -> new FileBlocks(INODE, 3000, List.of(new BlockInfo(2, 41, 1000, 0x99)), -1)));
        check(metaAnswering(() -> {
            throw new RingFsException(ErrorCode.STALE, "inode 7 no longer exists");
        }));
        check(metaAnswering(() -> new FileBlocks(INODE, 2048, List.of(), -1)));

        FsckReport r = report.build();
        assertThat(r.findings()).isEmpty();
        assertThat(r.changed()).isEqualTo(3);
        assertThat(r.clean()).isTrue();
    }

    @Test
    void whenMetaCannotBeAskedAgainTheFindingsStand() {
        AtomicInteger asked = new AtomicInteger();
        check(metaAnswering(() -> {
            asked.incrementAndGet();
            throw new RingFsException(ErrorCode.UNAVAILABLE, "meta is down (test)");
        }));

        assertThat(asked).hasValue(1);
        assertThat(report.build().count(FindingType.MISSING)).isEqualTo(3);
    }

    @FunctionalInterface
    interface Rows {
        FileBlocks now() throws RingFsException;
    }

    private void check(MetaService meta) {
        ServerDirectory nobody = standIn(ServerDirectory.class, name -> {
            throw new AssertionError("no server is asked for a block none holds: " + name);
        });
        OrphanCheck orphans = new OrphanCheck(nobody, meta, new LiveGenerations(100, List.of(), 1), FreedCopies.none(),
                report, true);
        new BlockCheck(nobody, meta, null, report, new UnreachableServers(report), orphans, true, 1)
                .check(new FileBlock(INODE, SCANNED), TARGETS, Map.of());
    }

    private static MetaService metaAnswering(Rows rows) {
        return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[] {MetaService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("blocks")) throw new AssertionError(method.getName());
                    assertThat(args).containsExactly(INODE, SCANNED.index(), 1);
                    return rows.now();
                });
    }

    @FunctionalInterface
    interface Refusal {
        Object refuse(String method) throws Exception;
    }

    private static <T> T standIn(Class<T> type, Refusal answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.refuse(method.getName())));
    }
}
