package org.ringfs.meta.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.SetAttributes;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.RingFsClient;
import org.ringfs.meta.server.MetaServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Another client's change is seen after the cache's time at the latest, and a cache of 0 sees it at once. */
class AttributeCacheStalenessTest {
    static final Duration TTL = Duration.ofMillis(1500);

    @TempDir Path dir;
    MetaServer server;
    RingFsClient cached;
    RingFsClient other;
    RingFsClient uncached;

    @BeforeEach
    void start() throws Exception {
        server = MetaServer.builder().dir(dir).port(0).blockSize(1024).initialRing(List.of("data-1", "data-2", "data-3"))
                .start();
        ClientSettings s = ClientSettings.defaults(server.address());
        cached = new RingFsClient(s.withAttributeTtl(TTL), server.service());
        other = new RingFsClient(s, server.service());
        uncached = new RingFsClient(s.withAttributeTtl(Duration.ZERO), server.service());
    }

    @AfterEach
    void stop() {
        cached.close();
        other.close();
        uncached.close();
        server.close();
    }

    @Test
    void anotherClientsChangeIsSeenWithinTheTtl() throws Exception {
        other.create("/f", 0644, 0, 0, true).close();
        long fetched = System.nanoTime();
        InodeAttributes before = cached.stat("/f");
        other.setAttributes("/f", new SetAttributes(0600, null, null, null, null));
        other.truncate("/f", 100);
        InodeAttributes soon = cached.stat("/f");
        if (System.nanoTime() - fetched < TTL.toNanos()) {
            assertThat(soon).as("within the ttl the cache may answer (and here does)").isEqualTo(before);
        }
        assertThat(uncached.stat("/f").size()).as("without a cache, at once").isEqualTo(100);
        Thread.sleep(TTL.toMillis() + 10);
        InodeAttributes after = cached.stat("/f");
        assertThat(after.size()).isEqualTo(100);
        assertThat(after.mode()).isEqualTo(0600);
    }

    @Test
    void aNameRemovedElsewhereIsGoneWithinTheTtl() throws Exception {
        other.mkdir("/d", 0755, 0, 0);
        other.create("/d/f", 0644, 0, 0, true).close();
        cached.list("/d"); // fills the cache with /d/f
        other.unlink("/d/f");
        Thread.sleep(TTL.toMillis() + 10);
        assertThatThrownBy(() -> cached.stat("/d/f")).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
