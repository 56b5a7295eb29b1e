package org.ringfs.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathNamesTest {

    @Test
    void collapsesSlashesAndDots() throws RingFsException {
        assertThat(PathNames.normalise("/a//b/")).isEqualTo("/a/b");
        assertThat(PathNames.normalise("/")).isEqualTo("/");
        assertThat(PathNames.normalise("//")).isEqualTo("/");
        assertThat(PathNames.normalise("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(PathNames.normalise("/a/b/..")).isEqualTo("/a");
        assertThat(PathNames.normalise("/a/..")).isEqualTo("/");
        assertThat(PathNames.normalise("/.hidden/..x")).isEqualTo("/.hidden/..x");
    }

    @Test
    void refusesRelativePathsAndEscapes() {
        assertCode("a/b", ErrorCode.INVALID);
        assertCode("", ErrorCode.INVALID);
        assertCode(null, ErrorCode.INVALID);
        assertCode("/..", ErrorCode.INVALID);
        assertCode("/a/../..", ErrorCode.INVALID);
        assertCode("/a\0b", ErrorCode.INVALID);
    }

    @Test
    void refusesOverLongNamesAndPaths() throws RingFsException {
        String name255 = "x".repeat(255);
        assertThat(PathNames.normalise("/" + name255)).isEqualTo("/" + name255);
        assertCode("/" + "x".repeat(256), ErrorCode.NAME_TOO_LONG);
        assertCode("/" + "é".repeat(128), ErrorCode.NAME_TOO_LONG); // 256 bytes of UTF-8
        assertCode(("/" + "y".repeat(255)).repeat(257), ErrorCode.NAME_TOO_LONG); // 65,792 bytes
    }

    @Test
    void pathsPastPathMaxAreFineUpToTheBound() throws RingFsException {
        // 4,095 bytes of 255-byte names below a mount, as the kernel allows: the mount sees it from its root.
        String pathMax = String.join("/", java.util.Collections.nCopies(16, "p".repeat(255)));
        assertThat(pathMax).hasSize(4095);
        assertThat(PathNames.normalise("/" + pathMax)).hasSize(4096);
        // Deeper, reached from a working directory inside the mount: the mount sees the whole path.
        String deep = ("/" + "q".repeat(255)).repeat(256);
        assertThat(PathNames.normalise(deep)).hasSize(PathNames.MAX_PATH_BYTES);
    }

    @Test
    void invalidUnicodeIsRefusedSoTwoNamesNeverBecomeOne() throws Exception {
        for (String bad : new String[] {"/\uFFFD", "/a/b\uFFFDc", "/\uD800", "/x\uDC00y", "/\uDE00\uD83D"}) {
            assertThatThrownBy(() -> PathNames.normalise(bad)).as(bad).isInstanceOf(RingFsException.class)
                    .extracting(e -> ((RingFsException) e).code()).isEqualTo(ErrorCode.INVALID);
        }
        assertThat(PathNames.normalise("/\uD83D\uDE00/e\u0301/\u00e9")).isEqualTo("/\uD83D\uDE00/e\u0301/\u00e9");
    }

    @Test
    void charactersXmlCannotCarryAsTheyAreAreRefused() throws Exception {
        for (String bad : new String[] {"/a\rb", "/\u0001", "/x\u001f", "/\u000b", "/\uFFFE", "/\uFFFF"}) {
            assertThatThrownBy(() -> PathNames.normalise(bad)).as(bad).isInstanceOf(RingFsException.class)
                    .extracting(e -> ((RingFsException) e).code()).isEqualTo(ErrorCode.INVALID);
        }
        assertThat(PathNames.normalise("/tab\there/new\nline/\u007f\u0085\u2028")).isEqualTo("/tab\there/new\nline/\u007f\u0085\u2028");
    }

    @Property(tries = 300)
    void normalisedPathsAreCanonicalAndStable(@ForAll("paths") String path) throws RingFsException {
        String n;
        try {
            n = PathNames.normalise(path);
        } catch (RingFsException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID); // only escapes above the root
            return;
        }
        assertThat(n).startsWith("/");
        assertThat(n).doesNotContain("//");
        assertThat(n.equals("/") || !n.endsWith("/")).isTrue();
        for (String segment : n.substring(1).split("/")) assertThat(segment).isNotIn(".", "..");
        assertThat(PathNames.normalise(n)).isEqualTo(n);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("", ".", "..", "a", "b", "ü", "..x"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5));
        return segment.list().ofMaxSize(8).map(l -> "/" + String.join("/", l));
    }

    private static void assertCode(String path, ErrorCode code) {
        assertThatThrownBy(() -> PathNames.normalise(path)).isInstanceOf(RingFsException.class)
                .extracting(e -> ((RingFsException) e).code()).isEqualTo(code);
    }
}
