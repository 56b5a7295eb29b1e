package org.ringfs.repair;

import org.junit.jupiter.api.Test;
import org.ringfs.api.BlockKey;
import org.ringfs.api.BlockService;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FreedPage;
import org.ringfs.api.FreedRecord;
import org.ringfs.api.GenerationRange;
import org.ringfs.api.LiveGenerations;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StoredBlock;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The judging of copies that are not their block's committed generation, where it waits for the end
 * of fsck's walk: against meta's freed records and live generations as they are then, and the server's
 * own listing. Meta and the one data server here are small in-memory stand-ins answering the calls
 * the check makes.
 */
class OrphanCheckTest {
    /** Meta at fsck's start: generations 1-99 handed out, 50-59 to a live session. */
    static final LiveGenerations AT_START = new LiveGenerations(100, List.of(new GenerationRange(50, 60)), 1);

    /** What the stand-in meta answers now. */
    final List<FreedRecord> freedRecords = new ArrayList<>();
    LiveGenerations liveNow = AT_START;
    /** The copies the stand-in server lists now; null: it does not answer. */
    TreeSet<BlockKey> held = new TreeSet<>();
    final List<BlockKey> deleted = new ArrayList<>();
    final FsckReport.Builder report = new FsckReport.Builder();

    @Test
    void aDeadCopyIsOrphanedOnlyOnceTheWalkEndsAndItsServerStillHoldsIt() throws Exception {
        OrphanCheck check = check(false, OrphanCheck.MAX_DEFERRED);
        StoredBlock dead = copy(7, 0, 20); // handed out, its session ended, never committed
        held.add(dead.key());

        check.judge("d1", dead, null);
        assertThat(report.build().findings()).isEmpty(); // waits for the end of the walk
        check.finish();

        assertThat(report.build().count(FindingType.ORPHANED)).isEqualTo(1);
    }

    @Test
    void aDeadCopyItsServerDeletedDuringTheWalkIsNoFinding() throws Exception {
        OrphanCheck check = check(true, OrphanCheck.MAX_DEFERRED);
        check.judge("d1", copy(7, 0, 20), null); // listed, then swept on a record meta has purged since

        check.finish();

        assertThat(report.build().findings()).isEmpty();
        assertThat(deleted).isEmpty();
    }

    @Test
    void aDeadCopyARecordWrittenDuringTheWalkCoversIsFreedAndARepairDeletesIt() throws Exception {
        OrphanCheck check = check(true, OrphanCheck.MAX_DEFERRED);
        StoredBlock dead = copy(7, 0, 20);
        held.add(dead.key());
        check.judge("d1", dead, null);
        freedRecords.add(FreedRecord.wholeInode(1, 7)); // the file removed while fsck walked

        check.finish();

        assertThat(report.build().count(FindingType.FREED)).isEqualTo(1);
        assertThat(deleted).containsExactly(dead.key());
    }

    @Test
    void whenTheServerCannotBeAskedAgainTheOrphanedFindingStands() throws Exception {
        OrphanCheck check = check(true, OrphanCheck.MAX_DEFERRED);
        StoredBlock dead = copy(7, 0, 20);
        check.judge("d1", dead, null);
        held = null;

        check.finish();

        assertThat(report.build().count(FindingType.ORPHANED)).isEqualTo(1);
    }

    @Test
    void aGenerationMetaHandedOutDuringTheWalkIsAWriteInFlightAndOneItNeverDidIsUnknown() throws Exception {
        OrphanCheck check = check(true, OrphanCheck.MAX_DEFERRED);
        StoredBlock written = copy(8, 0, 120);
        StoredBlock fromTheFuture = copy(8, 1, 500);
        held.add(written.key());
        held.add(fromTheFuture.key());
        check.judge("d1", written, null);
        check.judge("d1", fromTheFuture, null);
        liveNow = new LiveGenerations(200, List.of(), 1); // 100-199 handed out since, their session over

        check.finish();

        FsckReport r = report.build();
        assertThat(r.count(FindingType.PENDING)).isEqualTo(1);
        assertThat(r.count(FindingType.UNKNOWN)).isEqualTo(1);
        assertThat(r.findings()).filteredOn(f -> f.type() == FindingType.UNKNOWN)
                .extracting(FsckFinding::key).containsExactly(fromTheFuture.key());
        assertThat(deleted).as("a later read of the live generations makes nothing deletable").isEmpty();
    }

    @Test
    void pastTheBoundCopiesAreJudgedAtOnceOnWhatFsckReadFirst() throws Exception {
        OrphanCheck check = check(false, 1);
        StoredBlock first = copy(7, 0, 20);
        StoredBlock second = copy(7, 1, 21);
        held.add(first.key());
        held.add(second.key());

        check.judge("d1", first, null);
        check.judge("d1", second, null);

        assertThat(report.build().findings()).extracting(FsckFinding::key).containsExactly(second.key());
        check.finish();
        assertThat(report.build().count(FindingType.ORPHANED)).isEqualTo(2);
    }

    @Test
    void metaFailingAtTheEndFailsFsck() {
        OrphanCheck check = check(false, OrphanCheck.MAX_DEFERRED);
        check.judge("d1", copy(7, 0, 20), null);
        liveNow = null;

        assertThatThrownBy(check::finish).isInstanceOf(RingFsException.class);
    }

    private OrphanCheck check(boolean repair, int maxDeferred) {
        try {
            return new OrphanCheck(directory(), meta(), AT_START, FreedCopies.read(meta()), report, repair, maxDeferred);
        } catch (RingFsException e) {
            throw new AssertionError(e);
        }
    }

    private static StoredBlock copy(long inode, long index, long generation) {
        return new StoredBlock(new BlockKey(inode, index, generation), 100, 0, 0);
    }

    private MetaService meta() {
        return standIn(MetaService.class, (method, args) -> switch (method.getName()) {
            case "freedRecords" -> {
                long after = (Long) args[0];
                yield new FreedPage(freedRecords.stream().filter(r -> r.sequence() > after).toList(), true, 1);
            }
            case "liveGenerations" -> {
                if (liveNow == null) throw new RingFsException(ErrorCode.UNAVAILABLE, "meta is down (test)");
                yield liveNow;
            }
            default -> throw new AssertionError("fsck's orphan check does not call meta." + method.getName());
        });
    }

    private ServerDirectory directory() {
        BlockService server = standIn(BlockService.class, (method, args) -> switch (method.getName()) {
            case "list" -> {
                if (held == null) throw new RingFsException(ErrorCode.UNAVAILABLE, "server is down (test)");
                BlockKey after = (BlockKey) args[0];
                yield (after == null ? held : held.tailSet(after, false)).stream().limit((Integer) args[1])
                        .map(k -> new StoredBlock(k, 100, 0, 0)).toList();
            }
            case "delete" -> {
                deleted.add((BlockKey) args[0]);
                yield null;
            }
            default -> throw new AssertionError("fsck's orphan check does not call the server's " + method.getName());
        });
        return standIn(ServerDirectory.class, (method, args) -> switch (method.getName()) {
            case "service" -> server;
            case "reportFailure" -> null;
            default -> throw new AssertionError(method.getName());
        });
    }

    @FunctionalInterface
    interface Answer {
        Object answer(Method method, Object[] args) throws Exception;
    }

    private static <T> T standIn(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return answer.answer(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
