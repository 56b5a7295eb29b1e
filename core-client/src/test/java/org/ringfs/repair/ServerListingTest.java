package org.ringfs.repair;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.ringfs.api.BlockKey;

import static org.assertj.core.api.Assertions.assertThat;

/** The key fsck lists after to find one copy again: nothing a server can hold lies between it and the copy. */
class ServerListingTest {

    @Property
    void aListingAfterTheKeyBeforeACopyStartsWithThatCopyIfHeld(
            @ForAll @LongRange(min = 1, max = 4) long inode, @ForAll @LongRange(min = 0, max = 3) long index,
            @ForAll @LongRange(min = 1, max = 4) long generation,
            @ForAll @LongRange(min = 1, max = 4) long otherInode, @ForAll @LongRange(min = 0, max = 3) long otherIndex,
            @ForAll @LongRange(min = 1, max = 4) long otherGeneration) {
        BlockKey key = new BlockKey(inode, index, generation);
        BlockKey other = new BlockKey(otherInode, otherIndex, otherGeneration);
        BlockKey before = ServerListing.before(key);

        if (before != null) assertThat(before).isLessThan(key);
        if (other.compareTo(key) < 0) {
            // Every key below the copy is at or below the one the listing starts after: skipped.
            assertThat(before).isNotNull();
            assertThat(other).isLessThanOrEqualTo(before);
        }
    }

    @Property
    void theLargestPartsStillMakeAKeyBeforeTheNextInode(@ForAll @LongRange(min = 2, max = Long.MAX_VALUE) long inode) {
        BlockKey before = ServerListing.before(new BlockKey(inode, 0, 1));
        assertThat(before).isEqualTo(new BlockKey(inode - 1, Long.MAX_VALUE, Long.MAX_VALUE));
    }
}
