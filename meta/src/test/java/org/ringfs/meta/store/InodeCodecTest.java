package org.ringfs.meta.store;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ringfs.api.FileType;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InodeCodecTest {
    @Property(tries = 300)
    void roundTrips(@ForAll("inodes") InodeRecord r) {
        assertThat(InodeCodec.decode(r.id(), InodeCodec.encode(r))).isEqualTo(r);
    }

    @Property(tries = 100)
    void truncatedRecordsAreCorruptNotGarbage(@ForAll("inodes") InodeRecord r) {
        byte[] full = InodeCodec.encode(r);
        byte[] cut = Arrays.copyOf(full, full.length / 2);
        assertThatThrownBy(() -> InodeCodec.decode(r.id(), cut)).isInstanceOf(CorruptRecordException.class);
    }

    @Provide
    Arbitrary<InodeRecord> inodes() {
        Arbitrary<FileType> types = Arbitraries.of(FileType.class);
        Arbitrary<Long> longs = Arbitraries.longs();
        Arbitrary<Integer> ints = Arbitraries.integers();
        Arbitrary<Long> ids = Arbitraries.longs().greaterOrEqual(1);
        Arbitrary<Integer> modes = Arbitraries.integers().between(0, 07777);
        Arbitrary<String> targets = Arbitraries.strings().ofMinLength(1).ofMaxLength(300);
        return Combinators.combine(types, ids, modes, ints, ints, longs, targets,
                longs.list().ofSize(3)).as((type, id, mode, uid, gid, size, target, times) ->
                new InodeRecord(id, type, mode, uid, gid, size, uid & 0xffff, times.get(0), times.get(1), times.get(2),
                        gid, type == FileType.SYMLINK ? target : null));
    }
}
