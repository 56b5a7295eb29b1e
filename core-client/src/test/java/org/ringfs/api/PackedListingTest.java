package org.ringfs.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackedListingTest {

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60)
                .filter(s -> s.indexOf('/') < 0 && s.indexOf('\0') < 0 && !s.equals(".") && !s.equals("..")
                        && s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        && s.getBytes(StandardCharsets.UTF_8).length <= MetaMethods.NAME_MAX);
        return Arbitraries.oneOf(plain, any, Arbitraries.just("x".repeat(MetaMethods.NAME_MAX)));
    }

    @Provide
    Arbitrary<InodeAttributes> attributes() {
        Arbitrary<Long> longs = Arbitraries.longs();
        Arbitrary<Integer> ints = Arbitraries.integers();
        return Combinators.combine(longs, Arbitraries.of(FileType.class), ints, ints, ints, longs, ints,
                        Combinators.combine(longs, longs, longs, ints).as(List::of))
                .as((id, type, mode, uid, gid, size, nlink, rest) -> new InodeAttributes(id, type, mode, uid, gid, size,
                        nlink, (Long) rest.get(0), (Long) rest.get(1), (Long) rest.get(2), (Integer) rest.get(3)));
    }

    @Provide
    Arbitrary<List<DirectoryEntry>> listings() {
        return Combinators.combine(names(), attributes()).as(DirectoryEntry::new).list().ofMaxSize(40)
                .map(PackedListingTest::inMetaOrder);
    }

    /** Unique names in byte order of their UTF-8, as meta lists them. */
    static List<DirectoryEntry> inMetaOrder(List<DirectoryEntry> entries) {
        Map<String, DirectoryEntry> unique = new LinkedHashMap<>();
        for (DirectoryEntry e : entries) unique.putIfAbsent(e.name(), e);
        List<DirectoryEntry> out = new ArrayList<>(unique.values());
        out.sort(Comparator.comparing(e -> e.name().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        return out;
    }

    @Property(tries = 300)
    void everyListingSurvivesThePacking(@ForAll("listings") List<DirectoryEntry> entries) throws RingFsException {
        PackedListing l = new PackedListing(entries);
        assertThat(PackedListing.unpack(l.pack())).isEqualTo(l);
        // and through the call table's codec, as the wire carries it
        MetaCall call = MetaCalls.named("ringfs.listPacked");
        Object wire = call.encodeReply(l);
        assertThat(wire).isInstanceOf(byte[].class);
        assertThat(call.decodeReply(wire)).isEqualTo(l);
    }

    /** Any bytes at all: a listing or BAD_REQUEST, never another exception. */
    @Property(tries = 2000)
    void arbitraryBytesAreAListingOrBadRequest(@ForAll byte[] bytes) {
        unpackOrBadRequest(bytes);
    }

    /** A valid packing with one byte changed, cut short or lengthened: a listing or BAD_REQUEST. */
    @Property(tries = 2000)
    void damagedPackingsAreAListingOrBadRequest(@ForAll("listings") List<DirectoryEntry> entries,
                                                @ForAll @IntRange(min = 0, max = 100_000) int where,
                                                @ForAll byte value, @ForAll @IntRange(min = 0, max = 2) int how) {
        byte[] packed = new PackedListing(entries).pack();
        int at = where % packed.length;
        byte[] damaged = switch (how) {
            case 0 -> { byte[] b = packed.clone(); b[at] = value; yield b; }
            case 1 -> Arrays.copyOf(packed, at);
            default -> { byte[] b = Arrays.copyOf(packed, packed.length + 1 + at % 9); b[packed.length] = value; yield b; }
        };
        PackedListing decoded = unpackOrBadRequest(damaged);
        if (decoded != null) {
            for (DirectoryEntry e : decoded.entries()) {
                assertThat(e.name()).isNotEmpty().doesNotContain("/").doesNotContain("\0").isNotIn(".", "..");
            }
        }
    }

    private static PackedListing unpackOrBadRequest(byte[] bytes) {
        try {
            return PackedListing.unpack(bytes);
        } catch (RingFsException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            return null;
        }
    }

    static final InodeAttributes A = new InodeAttributes(7, FileType.FILE, 0644, 1, 2, 3, 1, 4, 5, 6, 0);

    private static byte[] packedOf(String... names) {
        List<DirectoryEntry> l = new ArrayList<>();
        for (String n : names) l.add(new DirectoryEntry(n, A));
        return new PackedListing(l).pack();
    }

    private static void assertBad(byte[] bytes, String message) {
        assertThatThrownBy(() -> PackedListing.unpack(bytes)).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST)).hasMessageContaining(message);
    }

    @Test
    void malformedPackingsAreRefusedWithAReason() {
        assertBad(null, "no packed listing");
        assertBad(new byte[] {1, 0, 0}, "no header");
        byte[] v2 = packedOf("a");
        v2[0] = 2;
        assertBad(v2, "version 2");
        assertBad(new byte[] {1, 0x7f, -1, -1, -1}, "claims");
        byte[] trailing = Arrays.copyOf(packedOf("a"), packedOf("a").length + 1);
        assertBad(trailing, "after the last entry");
        byte[] two = packedOf("a", "b".repeat(100));
        assertBad(Arrays.copyOf(two, two.length - 1), "ends inside entry 1");
        assertBad(renamed(packedOf("ab"), "a/"), "'/' or NUL");
        assertBad(renamed(packedOf("ab"), "a\0"), "'/' or NUL");
        assertBad(renamed(packedOf("ab"), ".."), "named . or ..");
        assertBad(renamed(packedOf("a"), "."), "named . or ..");
        byte[] badUtf8 = packedOf("ab");
        badUtf8[6] = (byte) 0xc3; // a lead byte followed by 'b'
        assertBad(badUtf8, "not UTF-8");
        assertBad(packedOf("b", "a"), "out of order");
        assertBad(packedOf("a", "a"), "out of order or repeats");
        byte[] unknownType = packedOf("a");
        unknownType[5 + 1 + 1 + 8] = 3; // S_IFMT >> 12 == 3 is no type
        assertBad(unknownType, "unknown type 3");
        byte[] emptyName = ByteBuffer.allocate(5 + PackedListing.FIXED_ENTRY_BYTES + 1).put((byte) 1).putInt(1).array();
        assertBad(emptyName, "empty name");
    }

    @Test
    void aReplyOfTheWrongShapeIsABadRequest() {
        MetaCall call = MetaCalls.named("ringfs.listPacked");
        assertThatThrownBy(() -> call.decodeReply(new Object[0])).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> call.decodeReply("AQAAAAA=")).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void anEmptyDirectoryIsFiveBytes() throws RingFsException {
        byte[] packed = new PackedListing(List.of()).pack();
        assertThat(packed).containsExactly(1, 0, 0, 0, 0);
        assertThat(PackedListing.unpack(packed).entries()).isEmpty();
    }

    /** The same packing with the first entry's name bytes replaced by {@code name} (the same length). */
    private static byte[] renamed(byte[] packed, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        assertThat(packed[5]).isEqualTo((byte) n.length);
        System.arraycopy(n, 0, packed, 6, n.length);
        return packed;
    }
}
