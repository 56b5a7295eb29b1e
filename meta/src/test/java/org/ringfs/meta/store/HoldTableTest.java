package org.ringfs.meta.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A release ends a session's hold only when it names that hold's number or a higher one. */
class HoldTableTest {
    @TempDir Path dir;

    @Test
    void aReleaseEndsOnlyAHoldNumberedAtMostAsItNames() throws Exception {
        try (MetaFixture f = new MetaFixture(dir)) {
            boolean[] ended = f.store.write(txn -> {
                HoldTable holds = txn.holds();
                holds.hold(7, 1, 4);
                holds.hold(7, 1, 2); // lower: changes nothing
                boolean early = holds.release(7, 1, 3L);
                boolean heldAfterEarly = holds.isHeld(7);
                boolean matching = holds.release(7, 1, 4L);
                return new boolean[] {early, heldAfterEarly, matching, holds.isHeld(7), holds.release(7, 1, 4L)};
            });
            assertThat(ended).containsExactly(false, true, true, false, false);
        }
    }

    @Test
    void aSessionsEndReleasesWhateverTheNumberAndAHoldFromBeforeNumbersEndsByAnyRelease() throws Exception {
        try (MetaFixture f = new MetaFixture(dir)) {
            boolean[] ended = f.store.write(txn -> {
                HoldTable holds = txn.holds();
                holds.hold(8, 2, 9);
                boolean bySessionEnd = holds.release(8, 2, null);
                // a store written before holds were numbered kept an empty value
                holds.putRaw(Codec.longLongKey(9, 2), new byte[0]);
                boolean old = holds.release(9, 2, 1L);
                return new boolean[] {bySessionEnd, old, holds.isHeld(8), holds.isHeld(9)};
            });
            assertThat(ended).containsExactly(true, true, false, false);
        }
    }
}
