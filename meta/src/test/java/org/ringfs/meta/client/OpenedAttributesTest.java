package org.ringfs.meta.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.meta.server.MetaServer;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An open file says what meta answered the create or stat that opened it (the FUSE mount caches it). */
class OpenedAttributesTest {
    @TempDir Path dir;
    MetaServer server;
    RingFsClient client;

    @BeforeEach
    void start() throws Exception {
        server = MetaServer.builder().dir(dir).port(0).blockSize(1024).initialRing(List.of("data-1", "data-2", "data-3"))
                .start();
        client = new RingFsClient(ClientSettings.defaults(server.address()), server.service());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aCreatedOrOpenedFileKeepsMetasAnswer() throws Exception {
        try (OpenFile created = client.create("/f", 0640, 7, 8, true)) {
            assertThat(created.openedAttributes()).contains(server.service().stat("/f"));
        }
        try (OpenFile opened = client.open("/f", false)) {
            assertThat(opened.openedAttributes()).contains(server.service().stat("/f"));
        }
    }
}
