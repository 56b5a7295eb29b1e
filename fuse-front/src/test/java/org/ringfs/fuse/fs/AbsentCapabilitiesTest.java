package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AbsentCapabilitiesTest {

    @Test
    void rememberedUntilForgotten() {
        AbsentCapabilities c = new AbsentCapabilities(60);
        assertThat(c.knownAbsent("/f")).isFalse();
        c.rememberAbsent("/f");
        assertThat(c.knownAbsent("/f")).isTrue();
        c.forget("/f");
        assertThat(c.knownAbsent("/f")).isFalse();
        c.rememberAbsent("/g");
        c.forgetAll();
        assertThat(c.knownAbsent("/g")).isFalse();
    }

    @Test
    void entriesExpire() throws InterruptedException {
        AbsentCapabilities c = new AbsentCapabilities(0.05);
        c.rememberAbsent("/f");
        Thread.sleep(100);
        assertThat(c.knownAbsent("/f")).isFalse();
    }

    @Test
    void aZeroTimeoutCachesNothing() {
        AbsentCapabilities c = new AbsentCapabilities(0);
        c.rememberAbsent("/f");
        assertThat(c.knownAbsent("/f")).isFalse();
    }
}
