package org.ringfs.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryValuesTest {

    @Property(tries = 300)
    void everyWireValueReadsBackAsItWasWritten(@ForAll("values") Object value) throws Exception {
        byte[] bytes = BinaryValues.write(value);
        assertThat(bytes).hasSize(BinaryValues.size(value));
        assertThat(deep(BinaryValues.readAll(ByteBuffer.wrap(bytes), Integer.MAX_VALUE))).isEqualTo(deep(value));
    }

    @Property(tries = 300)
    void noPrefixOfAValueAndNoValueWithBytesAfterItIsRead(@ForAll("values") Object value) {
        byte[] bytes = BinaryValues.write(value);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] prefix = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(prefix), Integer.MAX_VALUE))
                    .isInstanceOf(BinaryValues.MalformedValueException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(longer), Integer.MAX_VALUE))
                .isInstanceOf(BinaryValues.MalformedValueException.class).hasMessageContaining("after the value");
    }

    @Property(tries = 500)
    void randomBytesAreRefusedOrReadAsAValueThatWritesTheSameSize(@ForAll byte[] junk) throws Exception {
        try {
            Object v = BinaryValues.readAll(ByteBuffer.wrap(junk), 1000);
            byte[] again = BinaryValues.write(v); // what reads is exactly a value (struct members may reorder)
            assertThat(again).hasSize(junk.length);
            assertThat(deep(BinaryValues.readAll(ByteBuffer.wrap(again), 1000))).isEqualTo(deep(v));
        } catch (BinaryValues.MalformedValueException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void aStringIsItsUtf8OrRefusedWhenItHoldsALoneSurrogate(@ForAll String s) throws Exception {
        boolean unicode = java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(s);
        if (!unicode) {
            assertThatThrownBy(() -> BinaryValues.write(s)).isInstanceOf(BinaryValues.NotUnicodeException.class);
            return;
        }
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer written = ByteBuffer.wrap(BinaryValues.write(s));
        assertThat(written.get()).isEqualTo((byte) 4);
        assertThat(written.getInt()).isEqualTo(utf8.length);
        byte[] rest = new byte[written.remaining()];
        written.get(rest);
        assertThat(rest).isEqualTo(utf8);
        boolean xmlText = s.chars().noneMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF);
        if (xmlText) assertThat(BinaryValues.readAll(ByteBuffer.wrap(BinaryValues.write(s)), 1)).isEqualTo(s);
    }

    @Test
    void aCountIsNotTrustedBeforeItsValuesArrive() {
        byte[] hugeArray = ByteBuffer.allocate(5).put((byte) 7).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(hugeArray), Integer.MAX_VALUE))
                .hasMessageContaining("past the end");
        byte[] hugeBytes = ByteBuffer.allocate(5).put((byte) 5).putInt(1 << 30).array();
        assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(hugeBytes), Integer.MAX_VALUE))
                .hasMessageContaining("past the end");
    }

    @Test
    void moreValuesThanAllowedAndDeepNestingAreRefused() {
        byte[] thousandInts = BinaryValues.write(new Object[1000]);
        assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(thousandInts), 999))
                .hasMessageContaining("more values than allowed");
        Object nested = "leaf";
        for (int i = 0; i <= BinaryValues.MAX_DEPTH; i++) nested = new Object[]{nested};
        byte[] deep = BinaryValues.write(nested);
        assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(deep), Integer.MAX_VALUE))
                .hasMessageContaining("nested deeper");
    }

    @Test
    void aStringXmlCouldNotCarryIsRefusedOnBothSides() {
        for (String bad : List.of("a\u0000b", "bell\u0007", "\uFFFE", "\uFFFF")) {
            byte[] bytes = BinaryValues.write(bad);
            assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(bytes), 10)).as(bad)
                    .hasMessageContaining("XML 1.0 cannot carry");
        }
        assertThatThrownBy(() -> BinaryValues.write("half \uD83D pair")).isInstanceOf(BinaryValues.NotUnicodeException.class);
        byte[] notUtf8 = ByteBuffer.allocate(7).put((byte) 4).putInt(2).put((byte) 0xC3).put((byte) 0x28).array();
        assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(notUtf8), 10)).hasMessageContaining("not UTF-8");
        assertThat(BinaryValues.write("tab\there\nand \r emoji \uD83D\uDE00")).isNotEmpty();
    }

    @Test
    void aStructMemberNamedTwiceIsRefused() {
        ByteBuffer b = ByteBuffer.allocate(64).put((byte) 6).putInt(2);
        for (int i = 0; i < 2; i++) {
            BinaryValues.putString(b, "k");
            b.put((byte) 0);
        }
        byte[] twice = Arrays.copyOf(b.array(), b.position());
        assertThatThrownBy(() -> BinaryValues.readAll(ByteBuffer.wrap(twice), 10)).hasMessageContaining("twice");
    }

    @Test
    void aCallAndItsAnswersRoundTrip() throws Exception {
        Map<String, Object> struct = new HashMap<>();
        struct.put("path", "/a/b");
        struct.put("size", 4096L);
        byte[] request = BinaryCall.request("ringfs.stat", new Object[]{"/a/b", struct, null});
        BinaryCall.Request read = BinaryCall.parseRequest(ByteBuffer.wrap(request));
        assertThat(read.method()).isEqualTo("ringfs.stat");
        assertThat(read.arguments()).containsExactly("/a/b", struct, null);

        BinaryCall.Answer value = BinaryCall.parseAnswer(ByteBuffer.wrap(BinaryCall.reply(struct)));
        assertThat(value.isFault()).isFalse();
        assertThat(value.value()).isEqualTo(struct);
        BinaryCall.Answer fault = BinaryCall.parseAnswer(ByteBuffer.wrap(BinaryCall.fault(ErrorCode.NOT_FOUND.faultCode(), "no /a/b")));
        assertThat(fault.isFault()).isTrue();
        assertThat(ErrorCode.ofFault(fault.faultCode())).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(fault.faultMessage()).isEqualTo("no /a/b");
    }

    @Test
    void aRequestOfAnotherVersionOrWithoutAnArgumentArrayIsRefused() {
        byte[] request = BinaryCall.request("ringfs.stat", new Object[]{"/"});
        request[0] = 2;
        assertThatThrownBy(() -> BinaryCall.parseRequest(ByteBuffer.wrap(request))).hasMessageContaining("wire version 2");
        ByteBuffer notArray = ByteBuffer.allocate(64).put(BinaryCall.VERSION);
        BinaryValues.putString(notArray, "ringfs.stat");
        BinaryValues.put(notArray, "/");
        byte[] body = Arrays.copyOf(notArray.array(), notArray.position());
        assertThatThrownBy(() -> BinaryCall.parseRequest(ByteBuffer.wrap(body))).hasMessageContaining("not an array");
        assertThatThrownBy(() -> BinaryCall.parseRequest(ByteBuffer.wrap(new byte[0]))).hasMessageContaining("empty");
        for (byte[] cut : List.of(new byte[]{BinaryCall.VERSION}, new byte[]{BinaryCall.VERSION, 0, 0})) {
            assertThatThrownBy(() -> BinaryCall.parseRequest(ByteBuffer.wrap(cut)))
                    .isInstanceOf(BinaryValues.MalformedValueException.class).hasMessageContaining("ends early");
        }
        assertThatThrownBy(() -> BinaryCall.parseAnswer(ByteBuffer.wrap(new byte[]{1, 0, 0, 0, 9, 0})))
                .isInstanceOf(BinaryValues.MalformedValueException.class);
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.integers().map(i -> i),
                Arbitraries.longs().map(l -> l),
                Arbitraries.strings().withChars("abc/é€\t\n").ofMaxLength(20).map(s -> s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(b -> b));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(List::toArray),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), inner).ofMaxSize(4).map(m -> m)), 3);
    }

    /** Arrays compared by content, as lists. */
    private static Object deep(Object v) {
        if (v instanceof Object[] a) return Arrays.stream(a).map(BinaryValuesTest::deep).toList();
        if (v instanceof byte[] b) return Arrays.toString(b);
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>();
            m.forEach((k, x) -> out.put(k, deep(x)));
            return out;
        }
        return v;
    }
}
