package org.ringfs.e2e.bench.profile;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class FlameGraphTest {
    static StackCounts counts(Object... stackAndCount) {
        StackCounts c = new StackCounts();
        for (int i = 0; i < stackAndCount.length; i += 2) {
            c.add(List.of(((String) stackAndCount[i]).split(";")), ((Number) stackAndCount[i + 1]).longValue());
        }
        return c;
    }

    static double widthOf(String svg, String frame) {
        Matcher m = Pattern.compile("<title>" + Pattern.quote(frame) + " \\(.*?</title><rect [^>]*width=\"([0-9.]+)\"").matcher(svg);
        assertThat(m.find()).as("frame %s drawn", frame).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aFrameIsAsWideAsItsShareOfTheProcesssSamples() {
        Map<String, StackCounts> p = new LinkedHashMap<>();
        p.put("data-1", counts("Thread.run;Store.get;Crc.update", 30, "Thread.run;Store.get", 10, "Thread.run;Http.write", 60));
        String svg = new FlameGraph("client.seq-read", p).svg();
        double all = widthOf(svg, "Thread.run");
        assertThat(widthOf(svg, "Store.get") / all).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.01));
        assertThat(widthOf(svg, "Crc.update") / all).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.01));
        assertThat(widthOf(svg, "Http.write") / all).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
        assertThat(svg).contains("data-1: 100 CPU samples, 100% of this workload's");
    }

    @Test
    void theBusiestProcessComesFirstAndNamesAreEscaped() {
        Map<String, StackCounts> p = new LinkedHashMap<>();
        p.put("meta", counts("Thread.run;Foo.<init>", 5));
        p.put("client", counts("Thread.run;Bar.a&b", 15));
        String svg = new FlameGraph("w", p).svg();
        assertThat(svg.indexOf("client: 15")).isLessThan(svg.indexOf("meta: 5"));
        assertThat(svg).contains("Foo.&lt;init&gt;").contains("Bar.a&amp;b").doesNotContain("<init>");
        assertThat(svg).contains("75% of this workload's").contains("25% of this workload's");
    }
}
