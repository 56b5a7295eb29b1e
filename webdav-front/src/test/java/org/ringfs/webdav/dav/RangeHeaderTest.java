package org.ringfs.webdav.dav;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.ringfs.webdav.dav.RangeHeader.Span;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RangeHeaderTest {

    @Test
    void theThreeFormsOfASpec() {
        assertThat(RangeHeader.parse("bytes=0-99", 1000)).containsExactly(new Span(0, 99));
        assertThat(RangeHeader.parse("bytes=900-", 1000)).containsExactly(new Span(900, 999));
        assertThat(RangeHeader.parse("bytes=-500", 1000)).containsExactly(new Span(500, 999));
        assertThat(RangeHeader.parse("bytes=-5000", 1000)).containsExactly(new Span(0, 999));
        assertThat(RangeHeader.parse("bytes=990-2000", 1000)).containsExactly(new Span(990, 999));
        assertThat(RangeHeader.parse(" Bytes = 1-1 ", 1000)).containsExactly(new Span(1, 1));
    }

    @Test
    void severalSpansStayInTheOrderAsked() {
        assertThat(RangeHeader.parse("bytes=500-599, 0-9,,-1", 1000))
                .containsExactly(new Span(500, 599), new Span(0, 9), new Span(999, 999));
    }

    @Test
    void unsatisfiableIsAnEmptyList() {
        assertThat(RangeHeader.parse("bytes=1000-", 1000)).isEmpty();
        assertThat(RangeHeader.parse("bytes=5000-6000", 1000)).isEmpty();
        assertThat(RangeHeader.parse("bytes=-0", 1000)).isEmpty();
        assertThat(RangeHeader.parse("bytes=-10", 0)).isEmpty();
        assertThat(RangeHeader.parse("bytes=0-", 0)).isEmpty();
        assertThat(RangeHeader.parse("bytes=99999999999999999999999-", 1000)).isEmpty();
    }

    @Test
    void ignoredHeadersMeanTheWholeFile() {
        assertThat(RangeHeader.parse(null, 1000)).isNull();
        assertThat(RangeHeader.parse("items=0-1", 1000)).isNull();
        assertThat(RangeHeader.parse("bytes=5-1", 1000)).isNull();
        assertThat(RangeHeader.parse("bytes=a-b", 1000)).isNull();
        assertThat(RangeHeader.parse("bytes=1", 1000)).isNull();
        assertThat(RangeHeader.parse("bytes=", 1000)).isNull();
        assertThat(RangeHeader.parse("bytes=--1", 1000)).isNull();
        assertThat(RangeHeader.parse("bytes=0-,0-,0-", 1000)).as("overlapping").isNull();
        assertThat(RangeHeader.parse("bytes=" + "0-0,".repeat(RangeHeader.MAX_RANGES + 1), 1000)).isNull();
    }

    @Property
    void everySatisfiableSpanLiesInTheFile(@ForAll @LongRange(max = 1L << 40) long size,
                                           @ForAll @LongRange(max = 1L << 41) long a,
                                           @ForAll @LongRange(max = 1L << 41) long b) {
        for (String h : List.of("bytes=" + a + "-" + b, "bytes=" + a + "-", "bytes=-" + b)) {
            List<Span> spans = RangeHeader.parse(h, size);
            if (spans == null) {
                assertThat(h).isEqualTo("bytes=" + a + "-" + b);
                assertThat(b).isLessThan(a);
                continue;
            }
            for (Span s : spans) {
                assertThat(s.first()).isBetween(0L, size - 1);
                assertThat(s.last()).isBetween(s.first(), size - 1);
            }
        }
    }
}
