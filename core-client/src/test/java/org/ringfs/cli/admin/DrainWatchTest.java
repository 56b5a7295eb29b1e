package org.ringfs.cli.admin;

import org.junit.jupiter.api.Test;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ServerInfo;
import org.ringfs.api.ServerVitals;
import org.ringfs.cli.Progress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `ringfs data retire` following a drain: the bar counts verified copies until the server leaves the ring. */
class DrainWatchTest {
    static final ServerInfo STAYS = new ServerInfo("d1", "127.0.0.1:1", true, 0, ServerVitals.NONE);

    static ClusterMap retiring(long left) {
        return map(new ServerInfo("d9", "127.0.0.1:9", true, 0, ServerVitals.NONE, true, left));
    }

    static ClusterMap map(ServerInfo... extra) {
        List<ServerInfo> ring = new ArrayList<>(List.of(STAYS));
        ring.addAll(List.of(extra));
        return new ClusterMap(1, 1 << 20, ring, 0, "c", true, "");
    }

    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final List<Long> totals = new ArrayList<>();
    final List<Duration> pauses = new ArrayList<>();

    DrainWatch.End follow(ClusterMap... maps) throws Exception {
        Deque<ClusterMap> seen = new ArrayDeque<>(List.of(maps));
        return new DrainWatch(seen::remove, pauses::add, Duration.ofSeconds(1)).follow("d9", total -> {
            totals.add(total);
            return Progress.choose("drain d9", total, " copies", 1, false, true, new PrintStream(err, true), 80);
        });
    }

    @Test
    void theBarOpensAtTheFirstReportAndCountsVerifiedCopiesUntilTheServerLeaves() throws Exception {
        DrainWatch.End end = follow(retiring(ServerInfo.DRAIN_UNKNOWN), retiring(40), retiring(25), retiring(0), map());

        assertThat(end).isEqualTo(DrainWatch.End.LEFT_THE_RING);
        assertThat(totals).containsExactly(40L);
        assertThat(pauses).hasSize(4);
        assertThat(err.toString()).contains("drain d9").contains("40/40");
    }

    @Test
    void aLaterPassThatFindsMoreRaisesTheTotal() throws Exception {
        follow(retiring(10), retiring(30), retiring(5), map());
        assertThat(err.toString()).contains("30/30");
    }

    @Test
    void aServerThatHeldNothingLeavesWithoutABar() throws Exception {
        assertThat(follow(map())).isEqualTo(DrainWatch.End.LEFT_THE_RING);
        assertThat(totals).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aServerNoLongerRetiringEndsTheWatch() throws Exception {
        assertThat(follow(retiring(3), map(new ServerInfo("d9", "127.0.0.1:9", true, 0, ServerVitals.NONE))))
                .isEqualTo(DrainWatch.End.NOT_RETIRING);
    }
}
