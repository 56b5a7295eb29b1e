package org.ringfs.security;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalLogTest {

    @Test
    void aFloodOfRefusalsWarnsOncePerInterval() throws Exception {
        RefusalLog refusals = new RefusalLog(LoggerFactory.getLogger(RefusalLogTest.class), Duration.ofMillis(200));
        assertThat(refusals.refused("10.0.0.9", "unsigned")).isTrue();
        for (int i = 0; i < 1000; i++) assertThat(refusals.refused("10.0.0.9", "unsigned")).isFalse();
        Thread.sleep(250);
        assertThat(refusals.refused("10.0.0.9", "stale timestamp")).isTrue();
        assertThat(refusals.refused("10.0.0.9", "stale timestamp")).isFalse();
    }
}
