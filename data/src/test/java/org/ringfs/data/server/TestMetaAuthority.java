package org.ringfs.data.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.HeartbeatReply;
import org.ringfs.api.RingFsException;

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
}
