package org.ringfs.meta.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaCalls;
import org.ringfs.api.MetaService;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.MetaClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Not a test (surefire runs no *Probe): a quick in-process timing of where a 2000-entry listing's
 * time goes, meta's store against the XML-RPC round trip, and ringfs.list against ringfs.listPacked.
 * Run it by name: {@code mvn -o -q -pl core-client,meta -am test -Dtest=ListTimingProbe
 * -Dsurefire.failIfNoSpecifiedTests=false}. Figures on a loaded machine say only proportions.
 */
class ListTimingProbe {
    @TempDir Path dir;

    @Test
    void probe() throws Exception {
        try (MetaServer server = MetaServer.builder().dir(dir).port(0).blockSize(1024)
                .initialRing(List.of("data-1", "data-2", "data-3")).start()) {
            MetaService local = server.service();
            MetaService remote = MetaClient.connect(server.address(), Duration.ofSeconds(10), null, null);
            local.mkdir("/d", 0755, 0, 0);
            for (int i = 0; i < 2000; i++) local.create("/d/file-" + i, 0644, 0, 0, true);
            MetaCall call = MetaCalls.named("ringfs.list");
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                List<DirectoryEntry> l = null;
                for (int i = 0; i < 20; i++) l = local.list("/d");
                long t1 = System.nanoTime();
                Object wire = null;
                for (int i = 0; i < 20; i++) wire = call.encodeReply(l);
                long t2 = System.nanoTime();
                for (int i = 0; i < 20; i++) call.decodeReply(wire);
                long t3 = System.nanoTime();
                for (int i = 0; i < 20; i++) remote.list("/d");
                long t4 = System.nanoTime();
                for (int i = 0; i < 20; i++) remote.listPacked("/d");
                long t5 = System.nanoTime();
                System.out.printf("PROBE round %d: meta list %.2f ms, encode %.2f ms, decode %.2f ms, remote list %.2f ms,"
                                + " remote listPacked %.2f ms%n", round, (t1 - t0) / 20e6, (t2 - t1) / 20e6,
                        (t3 - t2) / 20e6, (t4 - t3) / 20e6, (t5 - t4) / 20e6);
            }
        }
    }

    @Test
    void statProbe() throws Exception {
        try (MetaServer server = MetaServer.builder().dir(dir).port(0).blockSize(1024)
                .initialRing(List.of("data-1", "data-2", "data-3")).start()) {
            MetaService local = server.service();
            local.mkdir("/d", 0755, 0, 0);
            for (int i = 0; i < 2000; i++) local.create("/d/file-" + i, 0644, 0, 0, true);
            ClientSettings s = ClientSettings.defaults(server.address());
            try (RingFsClient off = new RingFsClient(s, MetaClient.connect(server.address(), Duration.ofSeconds(10), null, null));
                 RingFsClient on = new RingFsClient(s.withAttributeTtl(Duration.ofSeconds(10)),
                         MetaClient.connect(server.address(), Duration.ofSeconds(10), null, null))) {
                for (int round = 0; round < 3; round++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 2000; i++) off.stat("/d/file-" + i);
                    long t1 = System.nanoTime();
                    on.list("/d");
                    long t2 = System.nanoTime();
                    for (int i = 0; i < 2000; i++) on.stat("/d/file-" + i);
                    long t3 = System.nanoTime();
                    System.out.printf("PROBE stat round %d: no cache %.0f/s; listing %.2f ms, then cached %.0f/s%n", round,
                            2000 / ((t1 - t0) / 1e9), (t2 - t1) / 1e6, 2000 / ((t3 - t2) / 1e9));
                }
            }
        }
    }
}
