package org.ringfs.security;

import org.junit.jupiter.api.Test;
import org.ringfs.api.RequestSignature;
import org.ringfs.security.ReplayGuard.Admission;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayGuardTest {
    @Test
    void aNonceIsRememberedForTheWindowThenForgotten() {
        ReplayGuard g = new ReplayGuard(10, 1000);
        assertThat(g.admit("n", 5000, 5000)).isEqualTo(Admission.FRESH);
        assertThat(g.admit("n", 5000, 5999)).isEqualTo(Admission.REPLAYED);
        assertThat(g.admit("m", 7000, 7000)).isEqualTo(Admission.FRESH);
        assertThat(g.size()).isEqualTo(1); // "n" expired at 6000
    }

    @Test
    void whenFullOfLiveNoncesItRefusesRatherThanForgets() {
        ReplayGuard g = new ReplayGuard(3, 1000);
        for (String n : new String[] {"a", "b", "c"}) assertThat(g.admit(n, 0, 0)).isEqualTo(Admission.FRESH);
        assertThat(g.admit("d", 0, 10)).isEqualTo(Admission.FULL);
        assertThat(g.admit("a", 0, 10)).isEqualTo(Admission.REPLAYED);
        assertThat(g.admit("d", 2000, 2000)).isEqualTo(Admission.FRESH); // the others expired
    }

    @Test
    void aFullPassFindsExpiredNoncesBehindAYoungerOne() {
        ReplayGuard g = new ReplayGuard(3, 1000);
        assertThat(g.admit("young", 10_000, 10_000)).isEqualTo(Admission.FRESH);
        assertThat(g.admit("old1", 9_500, 10_000)).isEqualTo(Admission.FRESH);
        assertThat(g.admit("old2", 9_500, 10_000)).isEqualTo(Admission.FRESH);
        assertThat(g.admit("new", 10_700, 10_700)).isEqualTo(Admission.FRESH); // old1, old2 expired at 10_500
    }

    @Test
    void theDefaultGuardHoldsABusyServersRateOverTheWholeSkewWindow() {
        // 7,000 requests a second from members for the 5 minutes a nonce must be remembered: a busy
        // client's uncached stats alone reach a few thousand a second on a small machine.
        long window = RequestSignature.MAX_CLOCK_SKEW.toMillis();
        ReplayGuard g = new ReplayGuard(ReplayGuard.DEFAULT_CAPACITY, window);
        int perSecond = 7_000;
        long seconds = window / 1000;
        for (long s = 0; s < seconds; s++) {
            for (int i = 0; i < perSecond; i++) {
                long at = s * 1000 + i * 1000L / perSecond;
                assertThat(g.admit("n" + s + "-" + i, at, at)).isEqualTo(Admission.FRESH);
            }
        }
        assertThat(g.admit("n7-123", 7_000 + 123 * 1000L / perSecond, seconds * 1000)).isEqualTo(Admission.REPLAYED);
        assertThat(g.admit("late", window + 2_000, window + 2_000)).isEqualTo(Admission.FRESH); // the first second's expired
    }

    @Test
    void aReplayIsFoundWhateverTheOrderOfArrival() {
        ReplayGuard g = new ReplayGuard(100, 300_000);
        assertThat(g.admit("later", 200_000, 100_000)).isEqualTo(Admission.FRESH);  // signed ahead of our clock
        assertThat(g.admit("earlier", 1_000, 100_000)).isEqualTo(Admission.FRESH);
        assertThat(g.admit("later", 200_000, 250_000)).isEqualTo(Admission.REPLAYED);
        assertThat(g.admit("earlier", 1_000, 300_000)).isEqualTo(Admission.REPLAYED);
        assertThat(g.admit("earlier", 1_000, 311_000)).isEqualTo(Admission.FRESH);  // expired at 301_000 (stale by then anyway)
        assertThat(g.size()).isEqualTo(2);
    }
}
