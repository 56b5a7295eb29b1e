package org.ringfs.webdav.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMember;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingEpoch;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.api.ServerVitals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class StatusPageTest {
    static final long GIB = 1L << 30;

    /** A meta that answers the two calls the watch makes with whatever the test set last. */
    static final class Meta {
        final AtomicReference<Object> map = new AtomicReference<>();
        final AtomicReference<Object> members = new AtomicReference<>(List.of(
                new MetaMember("meta-1", "127.0.0.1:7000", "127.0.0.1:7101", MetaMember.Role.MASTER, 0, 4),
                new MetaMember("meta-2", "", "127.0.0.1:7102", MetaMember.Role.UNKNOWN, -1, -1)));

        MetaService service() {
            return (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(), new Class<?>[]{MetaService.class},
                    (proxy, method, args) -> {
                        Object answer = switch (method.getName()) {
                            case "clusterMap" -> map.get();
                            case "metaMembers" -> members.get();
                            default -> throw new RingFsException(ErrorCode.NOT_SUPPORTED, method.getName());
                        };
                        if (answer instanceof RingFsException e) throw e;
                        return answer;
                    });
        }
    }

    static ServerInfo server(String name, boolean alive, long rebuildDone, long rebuildTotal, long corrupt) {
        return new ServerInfo(name, "127.0.0.1:70" + name.length(), alive, 1_700_000_000_000L,
                new ServerVitals(100 * GIB, 40 * GIB, 1234, 5 * GIB, rebuildTotal > 0, rebuildDone, rebuildTotal, corrupt));
    }

    static ClusterMap map(List<ServerInfo> ring, long underReplicated) {
        List<String> names = ring.stream().filter(s -> !s.retiring()).map(ServerInfo::name).toList();
        return new ClusterMap(7, 1 << 20, ring, underReplicated, "c1d2<b>", true, "", List.of(new RingEpoch(7, names)));
    }

    @Test
    void showsEveryServerTheRingProgressAndErrorsEscaped() {
        Meta meta = new Meta();
        AtomicLong now = new AtomicLong(1_700_000_100_000L);
        ClusterWatch watch = new ClusterWatch(meta.service(), now::get);
        String hostile = "<img src=x onerror=alert(1)>";
        List<ServerInfo> ring = new ArrayList<>(List.of(server("data-1", true, 0, 0, 0), server(hostile, true, 0, 0, 0),
                server("data-3", true, 100, 1000, 0), server("data-4", true, 0, 0, 0),
                new ServerInfo("data-5", "127.0.0.1:7005", true, 1, new ServerVitals(GIB, GIB / 2, 10, 10, false, 0, 0, 0), true, 500)));
        meta.map.set(map(ring, 0));
        watch.look();
        // Ten seconds on: data-3 rebuilt 200 more blocks, data-5's drain is at 300, data-4 died with 2 corrupt copies.
        now.addAndGet(10_000);
        ring.set(2, server("data-3", true, 300, 1000, 0));
        ring.set(3, server("data-4", false, 0, 0, 2));
        ring.set(4, new ServerInfo("data-5", "127.0.0.1:7005", true, 1, new ServerVitals(GIB, GIB / 2, 10, 10, false, 0, 0, 0), true, 300));
        meta.map.set(map(ring, 17));
        String html = StatusPage.render(watch.look());

        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"5\">")
                .contains("<meta name=\"viewport\"")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img").doesNotContain("c1d2<b>").contains("c1d2&lt;b&gt;")
                .doesNotContain("<script");
        assertThat(html).contains("4 of 5</b> data servers alive").contains("17</b> under-replicated blocks")
                .contains("2</b> corrupt copies found");
        // the meta group: the master and the member that does not answer
        assertThat(html).contains("meta-1").contains("master").contains("not answering");
        // rebuild: 200 blocks in 10 s; no ETA, since the pass finds what to fetch as it goes
        assertThat(html).contains("data-3</b> rebuilding: <progress max=\"1000\" value=\"300\">")
                .contains("300 blocks fetched of 1000 found so far, 20 blocks/s</li>");
        // drain: 500 at first, 300 now: 20 copies/s, 15 s left
        assertThat(html).contains("data-5</b> draining: <progress max=\"500\" value=\"200\">")
                .contains("300 copies not yet verified on their targets, 20 copies/s, about 15 s left");
        // the ring: four placement servers, data-5 drains off it
        assertThat(html).contains("<svg class=\"ring\"").contains("epoch 7").contains("4 servers, 3 copies")
                .contains("Not on the ring while they drain: data-5");
        assertThat(html).contains("DOWN").contains("data-4 is down").contains("data-4: its scrubber found 2 corrupt copies");
        // an error is noted once, not at every look
        now.addAndGet(5_000);
        String again = StatusPage.render(watch.look());
        assertThat(again.split("data-4 is down", -1)).hasSize(2);
    }

    @Test
    void metaNotAnsweringIsShownAndNoted() {
        Meta meta = new Meta();
        meta.map.set(new RingFsException(ErrorCode.UNAVAILABLE, "no master <now>"));
        ClusterWatch watch = new ClusterWatch(meta.service(), System::currentTimeMillis);
        String html = StatusPage.render(watch.look());
        assertThat(html).contains("Meta did not answer").contains("no master &lt;now&gt;")
                .contains("meta did not answer: no master &lt;now&gt;").doesNotContain("<now>");
    }

    @Test
    void lookingTwiceInASecondAsksMetaOnce() {
        Meta meta = new Meta();
        AtomicLong now = new AtomicLong(1_000_000);
        meta.map.set(map(List.of(server("a", true, 0, 0, 0), server("b", true, 0, 0, 0), server("c", true, 0, 0, 0)), 0));
        ClusterWatch watch = new ClusterWatch(meta.service(), now::get);
        ClusterWatch.Snapshot first = watch.look();
        now.addAndGet(500);
        assertThat(watch.look()).isSameAs(first);
        now.addAndGet(600);
        assertThat(watch.look()).isNotSameAs(first);
    }

    @Test
    void aRebuildsRateCountsFromWhenItStarted() {
        Meta meta = new Meta();
        AtomicLong now = new AtomicLong(1_000_000);
        ClusterWatch watch = new ClusterWatch(meta.service(), now::get);
        List<ServerInfo> ring = new ArrayList<>(List.of(server("a", false, 0, 0, 0), server("b", true, 0, 0, 0),
                server("c", true, 0, 0, 0)));
        meta.map.set(map(ring, 0));
        watch.look();
        now.addAndGet(20_000); // down for 20 s, then back and rebuilding
        ring.set(0, server("a", true, 50, 400, 0));
        meta.map.set(map(ring, 0));
        watch.look();
        now.addAndGet(5_000);
        ring.set(0, server("a", true, 150, 900, 0));
        meta.map.set(map(ring, 0));
        assertThat(watch.look().servers().get(0).rebuildPerSecond()).isEqualTo(20.0);
    }

    @Test
    void theFolderPageLinksTheStatusPage() {
        String html = FolderPage.render(org.ringfs.webdav.dav.DavPath.ROOT, List.of(), -1, -1, "t");
        assertThat(html).contains("<a href=\"/?status\">Cluster status</a>");
    }
}
