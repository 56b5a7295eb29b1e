package org.ringfs.meta.rpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.server.MetaServer;
import org.ringfs.transport.MetaClient;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file-system client names its cluster on every call; a meta started on another store (an empty
 * directory, the wrong --dir) refuses those calls and changes nothing, and the right meta serves
 * them again when it is back on the same address.
 */
class PinnedClusterTest {
    @TempDir Path dir;

    @Test
    void aMetaOfAnotherClusterRefusesAPinnedClientAndChangesNothing() throws Exception {
        MetaServer ours = MetaServer.builder().dir(dir.resolve("ours")).start();
        int port = ours.port();
        MetaClient client = MetaClient.connect(ours.address(), Duration.ofSeconds(5), null, null).pinnedToFirstCluster();
        client.clusterMap();
        client.mkdir("/before", 0755, 0, 0);
        ours.close();

        try (MetaServer blank = MetaServer.builder().dir(dir.resolve("blank")).port(port).start()) {
            assertThatThrownBy(() -> client.mkdir("/while-blank", 0755, 0, 0)).isInstanceOfSatisfying(RingFsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_CLUSTER));
            assertThatThrownBy(client::clusterMap).isInstanceOfSatisfying(RingFsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_CLUSTER));
            assertThat(blank.service().list("/")).isEmpty(); // nothing reached the blank store
            MetaClient fresh = MetaClient.connect(blank.address(), Duration.ofSeconds(5), null, null); // an unpinned client is served
            assertThat(fresh.clusterMap().clusterId()).isEqualTo(blank.service().clusterMap().clusterId());
        }

        try (MetaServer back = MetaServer.builder().dir(dir.resolve("ours")).port(port).start()) {
            client.mkdir("/after", 0755, 0, 0);
            assertThat(back.service().list("/")).extracting(e -> e.name()).containsExactly("after", "before");
        }
    }
}
