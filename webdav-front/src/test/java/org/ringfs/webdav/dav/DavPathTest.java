package org.ringfs.webdav.dav;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class DavPathTest {

    @Test
    void normalisesSlashesAndDots() {
        assertThat(DavPath.of("//a/./b/")).isEqualTo(new DavPath("/a/b"));
        assertThat(DavPath.of("/")).isEqualTo(DavPath.ROOT);
        assertThat(DavPath.of("")).isEqualTo(DavPath.ROOT);
        assertThatThrownBy(() -> new DavPath("relative")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesUrlsAndPaths() {
        assertThat(DavPath.ofUri("http://host:8080/a%20b/c%C3%A9?x=1")).isEqualTo(new DavPath("/a b/cé"));
        assertThat(DavPath.ofUri("/dir/")).isEqualTo(new DavPath("/dir"));
        assertThat(DavPath.ofUri("http://host")).isEqualTo(DavPath.ROOT);
        // a lone or malformed percent stays as it is
        assertThat(DavPath.ofUri("/100%")).isEqualTo(new DavPath("/100%"));
        assertThat(DavPath.ofUri("/%zz")).isEqualTo(new DavPath("/%zz"));
    }

    @Test
    void encodesHrefs() {
        DavPath p = new DavPath("/a b/cé&");
        assertThat(p.href(false)).isEqualTo("/a%20b/c%C3%A9%26");
        assertThat(p.href(true)).isEqualTo("/a%20b/c%C3%A9%26/");
        assertThat(DavPath.ROOT.href(true)).isEqualTo("/");
        assertThat(DavPath.ROOT.href(false)).isEqualTo("/");
        assertThat(DavPath.ofUri(p.href(false))).isEqualTo(p);
    }

    @Test
    void parentChildAndAncestry() {
        DavPath p = new DavPath("/a/b");
        assertThat(p.parent()).isEqualTo(new DavPath("/a"));
        assertThat(p.parent().parent()).isEqualTo(DavPath.ROOT);
        assertThat(DavPath.ROOT.parent()).isEqualTo(DavPath.ROOT);
        assertThat(p.name()).isEqualTo("b");
        assertThat(DavPath.ROOT.child("x")).isEqualTo(new DavPath("/x"));
        assertThat(p.isWithin(new DavPath("/a"))).isTrue();
        assertThat(p.isWithin(p)).isTrue();
        assertThat(p.isWithin(DavPath.ROOT)).isTrue();
        assertThat(new DavPath("/ab").isWithin(new DavPath("/a"))).isFalse();
    }
}
