package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtimeModeTest {
    private static final long NOW = 100 * AtimeMode.DAY_NANOS;

    @Test
    void relatimeMovesAnAtimeNotAfterMtimeOrCtimeOrADayOld() {
        assertThat(AtimeMode.RELATIME.moves(NOW - 10, NOW - 5, NOW - 20, NOW)).as("before mtime").isTrue();
        assertThat(AtimeMode.RELATIME.moves(NOW - 10, NOW - 20, NOW - 10, NOW)).as("equal to ctime").isTrue();
        assertThat(AtimeMode.RELATIME.moves(NOW - 10, NOW - 20, NOW - 20, NOW)).as("after both, recent").isFalse();
        assertThat(AtimeMode.RELATIME.moves(NOW - AtimeMode.DAY_NANOS, 0, 0, NOW)).as("a day old").isTrue();
    }

    @Test
    void strictAlwaysAndOffNever() {
        assertThat(AtimeMode.STRICT.moves(NOW, 0, 0, NOW)).isTrue();
        assertThat(AtimeMode.OFF.moves(0, NOW, NOW, NOW)).isFalse();
    }

    @Test
    void namesAreTheMountOptionsValues() {
        assertThat(AtimeMode.of("relatime")).isEqualTo(AtimeMode.RELATIME);
        assertThat(AtimeMode.of("STRICT")).isEqualTo(AtimeMode.STRICT);
        assertThatThrownBy(() -> AtimeMode.of("lazytime")).hasMessageContaining("strict, relatime or off");
    }
}
