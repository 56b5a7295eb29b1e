package org.ringfs.security;

import org.junit.jupiter.api.Test;
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
}
