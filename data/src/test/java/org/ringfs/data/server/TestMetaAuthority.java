package org.ringfs.data.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.RingFsException;
import org.ringfs.data.store.StaleTermException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestMetaAuthority {
    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(1_000);

    MetaAuthority open() throws RingFsException {
        return new MetaAuthority(dir, "data-1", clock::get);
    }

    static void assertRefused(MetaAuthority a, ErrorCode code, String... words) {
        assertThatThrownBy(a::checkMayDelete).isInstanceOfSatisfying(RingFsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            for (String w : words) assertThat(e.getMessage()).contains(w);
        });
    }

    @Test
    void theIdIsRecordedOnceMetaGrantsDeletesAndKeptAcrossRestarts() throws Exception {
        MetaAuthority a = open();
        assertThat(a.clusterId()).isEmpty();
        assertRefused(a, ErrorCode.UNAVAILABLE, "no cluster id recorded");

        a.accept(new HeartbeatReply(1, true, "cluster-a", false, 0)); // safe mode: nothing recorded yet
        assertThat(a.clusterId()).isEmpty();
        assertThat(dir.resolve(MetaAuthority.FILE)).doesNotExist();
        assertRefused(a, ErrorCode.UNAVAILABLE);

        a.accept(new HeartbeatReply(1, false, "cluster-a", true, 0));
        assertThat(a.clusterId()).isEqualTo("cluster-a");
        assertThat(Files.readString(dir.resolve(MetaAuthority.FILE)).trim()).isEqualTo("cluster-a");
        a.checkMayDelete();

        MetaAuthority again = open();
        assertThat(again.clusterId()).isEqualTo("cluster-a");
        assertRefused(again, ErrorCode.UNAVAILABLE, "has not granted"); // no word from meta since the restart
        again.accept(new HeartbeatReply(1, false, "cluster-a", true, 0));
        again.checkMayDelete();
    }

    @Test
    void aMetaOfAnotherClusterIsRefusedUntilOurOwnAnswersAgain() throws Exception {
        MetaAuthority a = open();
        a.accept(new HeartbeatReply(1, false, "cluster-a", true, 0));

        a.accept(new HeartbeatReply(1, true, "cluster-b", true, 0));
        assertThat(a.clusterId()).isEqualTo("cluster-a");
        assertThat(a.refusal()).contains("cluster-b", "cluster-a", "deletes nothing");
        assertRefused(a, ErrorCode.WRONG_CLUSTER, "cluster-b", "cluster-a");
        assertThat(Files.readString(dir.resolve(MetaAuthority.FILE)).trim()).isEqualTo("cluster-a");

        a.accept(new HeartbeatReply(1, false, "cluster-a", true, 0));
        assertThat(a.refusal()).isEmpty();
        a.checkMayDelete();
    }

    @Test
    void metaRefusingTheServerIsARefusalToo() throws Exception {
        MetaAuthority a = open();
        a.accept(new HeartbeatReply(1, false, "cluster-a", true, 0));
        a.refusedByMeta(new RingFsException(ErrorCode.WRONG_CLUSTER, "data server data-1 belongs to cluster cluster-a,"
                + " this meta to cluster cluster-b"));
        assertThat(a.refusal()).contains("cluster-b");
        assertRefused(a, ErrorCode.WRONG_CLUSTER, "cluster-b");
    }

    @Test
    void deletesNeedMetasCurrentGrant() throws Exception {
        MetaAuthority a = open();
        a.accept(new HeartbeatReply(1, false, "cluster-a", true, 0));
        a.checkMayDelete();
        a.accept(new HeartbeatReply(1, false, "cluster-a", false, 0)); // e.g. an older-store alarm
        assertRefused(a, ErrorCode.UNAVAILABLE, "has not granted");
        a.accept(new HeartbeatReply(1, false, "cluster-a", true, 0));
        a.unreachable();
        assertRefused(a, ErrorCode.UNAVAILABLE);
        a.accept(new HeartbeatReply(1, false, "cluster-a", true, 0));
        a.checkMayDelete();
    }

    static HeartbeatReply granting(String cluster, long term) {
        return new HeartbeatReply(1, false, cluster, true, term);
    }

    String termOnDisk() throws Exception {
        return Files.readString(dir.resolve(MetaAuthority.TERM_FILE)).trim();
    }

    @Test
    void theNewestTermIsRecordedAndKeptAcrossRestarts() throws Exception {
        MetaAuthority a = open();
        assertThat(a.term()).isZero();
        a.accept(granting("cluster-a", 0));
        assertThat(a.term()).isZero();
        a.accept(granting("cluster-a", 3)); // an election: meta's new master
        assertThat(a.term()).isEqualTo(3);
        assertThat(termOnDisk()).isEqualTo("3");
        a.checkMayDelete();

        MetaAuthority again = open();
        assertThat(again.term()).isEqualTo(3);
        again.accept(granting("cluster-a", 2)); // the master of term 2, deposed, still talking after the restart
        assertRefused(again, ErrorCode.UNAVAILABLE, "deposed", "term 2", "term 3");
        assertThatThrownBy(() -> again.checkOrder(2)).isInstanceOf(StaleTermException.class);
        assertThat(termOnDisk()).isEqualTo("3");
    }

    @Test
    void aReplyOfAnOlderTermGrantsNoDeletesUntilTheCurrentMasterAnswers() throws Exception {
        MetaAuthority a = open();
        a.accept(granting("cluster-a", 5));
        a.checkMayDelete();
        a.checkOrder(5);

        a.accept(granting("cluster-a", 4)); // deposed master, granting
        assertRefused(a, ErrorCode.UNAVAILABLE, "deposed", "term 4", "term 5");
        assertThatThrownBy(() -> a.checkOrder(5)).isInstanceOf(RingFsException.class);
        assertThat(a.term()).isEqualTo(5);
        assertThat(a.refusal()).isEmpty(); // not another cluster: it still reconciles (fetches), it only deletes nothing

        a.accept(granting("cluster-a", 5));
        a.checkMayDelete();
        a.checkOrder(5);
    }

    @Test
    void anOrderOfAnOlderTermIsRefusedNamingBothTerms() throws Exception {
        MetaAuthority a = open();
        a.accept(granting("cluster-a", 7));
        assertThatThrownBy(() -> a.checkOrder(6)).isInstanceOfSatisfying(StaleTermException.class, e -> {
            assertThat(e.orderTerm()).isEqualTo(6);
            assertThat(e.newestTerm()).isEqualTo(7);
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_MASTER);
            assertThat(e.getMessage()).contains("term 6", "term 7");
        });
        a.checkOrder(7);
    }

    @Test
    void anOrderOfANewerTermRaisesAndPersistsTheTermAndWaitsForThatMastersGrant() throws Exception {
        MetaAuthority a = open();
        a.accept(granting("cluster-a", 1));
        assertThatThrownBy(() -> a.checkOrder(2)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.getMessage()).contains("term 2"));
        assertThat(a.term()).isEqualTo(2);
        assertThat(termOnDisk()).isEqualTo("2");
        assertThat(open().term()).isEqualTo(2);

        a.accept(granting("cluster-a", 1)); // the old master's grant no longer counts
        assertThatThrownBy(() -> a.checkOrder(2)).isInstanceOf(RingFsException.class);
        assertThatThrownBy(() -> a.checkOrder(1)).isInstanceOf(StaleTermException.class);
        a.accept(granting("cluster-a", 2));
        a.checkOrder(2);
    }

    @Test
    void aMetaOfAnotherClusterRaisesNoTerm() throws Exception {
        MetaAuthority a = open();
        a.accept(granting("cluster-a", 1));
        a.accept(granting("cluster-b", 9));
        assertThat(a.term()).isEqualTo(1);
        a.accept(granting("cluster-a", 1));
        a.checkOrder(1);
    }

    @Test
    void anUnreadableTermFileStopsTheStartRatherThanGuessing() throws Exception {
        Files.writeString(dir.resolve(MetaAuthority.TERM_FILE), "garbage\n");
        assertThatThrownBy(this::open).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR));
    }
}
