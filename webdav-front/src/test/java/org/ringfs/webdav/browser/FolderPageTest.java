package org.ringfs.webdav.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.webdav.dav.DavPath;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class FolderPageTest {
    static final long NOON_2026 = 1_767_268_800L * 1_000_000_000L; // 2026-01-01 12:00 UTC

    @Test
    void hostileNamesAreShownAsTextAndLinkedPercentEncoded() {
        String script = "<script>alert(1)";
        String quotes = "a\"b'c";
        String newline = "two\nlines\r";
        String amp = "x&y%41 z";
        String html = FolderPage.render(new DavPath("/<b>"),
                List.of(new FolderPage.Entry(script, false, 5, NOON_2026), new FolderPage.Entry(quotes, true, 0, NOON_2026),
                        new FolderPage.Entry(newline, false, 1, NOON_2026), new FolderPage.Entry(amp, false, 1, NOON_2026)),
                1L << 30, 1L << 32, "tok\"<");
        assertThat(html).doesNotContain("<script").doesNotContain("<b>").doesNotContain("a\"b").doesNotContain("tok\"<")
                .doesNotContain("two\nlines");
        assertThat(html).contains(">&lt;script&gt;alert(1)</a>").contains("a&quot;b&#39;c")
                .contains("two&#10;lines&#13;").contains("x&amp;y%41 z").contains("value=\"tok&quot;&lt;\"");
        // links: every byte outside the unreserved set percent-encoded, in the path and the query
        assertThat(html).contains("href=\"/%3Cb%3E/%3Cscript%3Ealert%281%29\"")
                .contains("href=\"/%3Cb%3E/a%22b%27c/\"")
                .contains("href=\"/%3Cb%3E/two%0Alines%0D\"")
                .contains("href=\"/%3Cb%3E/x%26y%2541%20z\"")
                .contains("?confirm=delete&amp;name=x%26y%2541+z\"");
        // breadcrumbs
        assertThat(html).contains("<a href=\"/\">RingFS</a> / <a href=\"/%3Cb%3E/\">&lt;b&gt;</a>");
    }

    @Test
    void aVeryLongNameStaysOneEscapedEntry() {
        String longName = "<".repeat(255);
        String html = FolderPage.render(DavPath.ROOT, List.of(new FolderPage.Entry(longName, false, 1, 0)), -1, -1, "t");
        assertThat(html).contains("&lt;".repeat(255)).doesNotContain("<<");
        assertThat(html).contains("%3C".repeat(255));
    }

    @Test
    void foldersComeFirstThenNamesAndSizesInHumanUnits() {
        String html = FolderPage.render(DavPath.ROOT, List.of(
                new FolderPage.Entry("b.txt", false, 1536, NOON_2026),
                new FolderPage.Entry("Zeta", true, 4096, NOON_2026),
                new FolderPage.Entry("a.bin", false, 5L << 20, NOON_2026),
                new FolderPage.Entry("alpha", true, 4096, NOON_2026)), 10L << 30, 30L << 30, "t");
        assertThat(html.indexOf(">alpha/<")).isLessThan(html.indexOf(">Zeta/<"));
        assertThat(html.indexOf(">Zeta/<")).isLessThan(html.indexOf(">a.bin<"));
        assertThat(html.indexOf(">a.bin<")).isLessThan(html.indexOf(">b.txt<"));
        assertThat(html).contains(">1.5 KiB<").contains(">5.0 MiB<").contains("2026-01-01 12:00").contains("10 GiB free of 30 GiB");
        assertThat(html).doesNotContain("../"); // the root has no parent link
    }

    @Test
    void thePageIsSelfContainedAndFitsAPhone() {
        String html = FolderPage.render(new DavPath("/a"), List.of(), 0, 0, "t");
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<style>" + PageFrame.CSS + "</style>").doesNotContain("<script").doesNotContain("src=")
                .doesNotContain("http://").doesNotContain("https://").contains("This folder is empty.");
        // the forms post to the folder, the token first
        assertThat(html).contains("action=\"/a/?op=upload\"><input type=\"hidden\" name=\"token\" value=\"t\">")
                .contains("enctype=\"multipart/form-data\"").contains("multiple");
        assertThat(PageFrame.CSP).startsWith("default-src 'none'; style-src 'sha256-").contains("form-action 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe");
    }

    @Test
    void confirmationPagesEscapeTheNameAndPostTheToken() {
        String del = ConfirmPage.delete(new DavPath("/d"), "<i>\"", false, "tok");
        assertThat(del).contains("&lt;i&gt;&quot;").doesNotContain("<i>").contains("method=\"post\" action=\"/d/\"")
                .contains("name=\"op\" value=\"delete\"").contains("name=\"name\" value=\"&lt;i&gt;&quot;\"")
                .contains("name=\"token\" value=\"tok\"");
        String ren = ConfirmPage.rename(DavPath.ROOT, "x\ny", "tok");
        assertThat(ren).contains("name=\"to\" required maxlength=\"255\" value=\"x&#10;y\"").contains("value=\"rename\"");
        assertThat(MessagePage.render("Refused", "<no>", DavPath.ROOT)).contains("&lt;no&gt;").doesNotContain("<no>");
    }

    @Test
    void humanSizes() {
        assertThat(HumanSize.of(0)).isEqualTo("0 B");
        assertThat(HumanSize.of(1023)).isEqualTo("1023 B");
        assertThat(HumanSize.of(1024)).isEqualTo("1.0 KiB");
        assertThat(HumanSize.of(10L * 1024 * 1024)).isEqualTo("10 MiB");
        assertThat(HumanSize.of(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void namesThePageRefuses() {
        assertThat(Names.problem("ok name.txt")).isNull();
        assertThat(Names.problem("")).isNotNull();
        assertThat(Names.problem("..")).isNotNull();
        assertThat(Names.problem("a/b")).isNotNull();
        assertThat(Names.problem(".ringfs-upload-x")).isNotNull();
        assertThat(Names.problem("é".repeat(128))).isNotNull(); // 256 bytes
        assertThat(Names.baseName("C:\\Users\\me\\f.txt")).isEqualTo("f.txt");
    }
}
