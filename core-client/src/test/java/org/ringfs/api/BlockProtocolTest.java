package org.ringfs.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockProtocolTest {

    @Property(tries = 200)
    void chunkChecksumListsRoundTrip(@ForAll int[] crcs) throws RingFsException {
        if (crcs.length > 1000) return;
        assertThat(BlockProtocol.parseCrcList(BlockProtocol.crcList(crcs))).containsExactly(crcs);
    }

    @Property(tries = 500)
    void aChecksumIsEightLowerCaseHexDigitsAsFormatWritesIt(@ForAll int crc) {
        assertThat(BlockProtocol.hex(crc)).isEqualTo(String.format("%08x", crc));
        assertThat(BlockProtocol.crcList(new int[]{crc, 0, -1})).isEqualTo(String.format("%08x,00000000,ffffffff", crc));
    }

    @Property(tries = 200)
    void blockKeysRoundTripThroughTheirPath(@ForAll @LongRange(min = 1) long inode,
                                            @ForAll @LongRange(min = 0) long index,
                                            @ForAll @LongRange(min = 1) long gen) throws RingFsException {
        BlockKey k = new BlockKey(inode, index, gen);
        assertThat(BlockKey.parse(k.path())).isEqualTo(k);
    }

    @Test
    void malformedIdsAreBadRequests() {
        for (String bad : new String[]{"", "1/2", "1/2/3/4", "a/b/c", "-1/0/1", "1/-2/3", "1/0/0", "99999999999999999999/0/1"}) {
            assertThatThrownBy(() -> BlockKey.parse(bad)).as(bad)
                    .isInstanceOf(RingFsException.class)
                    .satisfies(e -> assertThat(((RingFsException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
        }
    }

    @Test
    void malformedChecksumListsAreBadRequests() {
        for (String bad : new String[]{"xyz", "0000000", "000000000", "00000000,", "00000000,,00000000"}) {
            assertThatThrownBy(() -> BlockProtocol.parseCrcList(bad)).as(bad).isInstanceOf(RingFsException.class);
        }
    }

    @Test
    void listingLinesRoundTrip() throws RingFsException {
        StoredBlock b = new StoredBlock(new BlockKey(3, 4, 5), 100, 0xdeadbeef, 1234);
        assertThat(StoredBlock.parseLine(b.toLine())).isEqualTo(b);
    }
}
