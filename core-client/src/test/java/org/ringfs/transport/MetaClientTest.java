package org.ringfs.transport;

import org.junit.jupiter.api.Test;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy answers its own settings and Object's methods itself; every MetaService method goes to meta. */
class MetaClientTest {
    static final String NOBODY = "127.0.0.1:1"; // nothing listens on port 1

    @Test
    void settingsAndObjectMethodsNeedNoServer() {
        MetaClient meta = MetaClient.connect(NOBODY, Duration.ofSeconds(2), null, null);
        assertThat(meta.address()).isEqualTo(NOBODY);
        assertThat(meta.pinnedToFirstCluster()).isSameAs(meta);
        assertThat(meta.retryingFor(Duration.ZERO)).isSameAs(meta);
        assertThat(meta).isEqualTo(meta).hasSameHashCodeAs(meta).hasToString("MetaClient[" + NOBODY + "]")
                .isNotEqualTo(MetaClient.connect(NOBODY, Duration.ofSeconds(2), null, null));
    }

    @Test
    void aCallNoMetaAnswersIsUnavailable() {
        MetaClient meta = MetaClient.connect(NOBODY, Duration.ofSeconds(2), null, null);
        assertThatThrownBy(() -> meta.stat("/")).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
}
