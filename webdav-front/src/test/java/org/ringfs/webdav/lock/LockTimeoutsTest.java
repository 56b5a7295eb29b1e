package org.ringfs.webdav.lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class LockTimeoutsTest {

    @Test
    void noHeaderGetsTheDefault() {
        assertThat(LockTimeouts.seconds(null)).isEqualTo(LockTimeouts.DEFAULT_SECONDS);
    }

    @Test
    void secondsAreHonouredUpToTheCap() {
        assertThat(LockTimeouts.seconds("Second-600")).isEqualTo(600);
        assertThat(LockTimeouts.seconds("second-1")).isEqualTo(1);
        assertThat(LockTimeouts.seconds("Second-99999999999")).isEqualTo(LockTimeouts.MAX_SECONDS);
    }

    @Test
    void infiniteIsCapped() {
        assertThat(LockTimeouts.seconds("Infinite")).isEqualTo(LockTimeouts.MAX_SECONDS);
        assertThat(LockTimeouts.seconds("Infinite, Second-4100000000")).isEqualTo(LockTimeouts.MAX_SECONDS);
    }

    @Test
    void theFirstUsableValueWins() {
        assertThat(LockTimeouts.seconds("Second-abc, Second-0, Second-30")).isEqualTo(30);
        assertThat(LockTimeouts.seconds("Minute-5, Second-45")).isEqualTo(45);
    }

    @Test
    void nothingUsableGetsTheDefault() {
        assertThat(LockTimeouts.seconds("Second-")).isEqualTo(LockTimeouts.DEFAULT_SECONDS);
        assertThat(LockTimeouts.seconds("Second--5, garbage")).isEqualTo(LockTimeouts.DEFAULT_SECONDS);
    }
}
