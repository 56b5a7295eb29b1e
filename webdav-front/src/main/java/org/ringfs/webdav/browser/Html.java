package org.ringfs.webdav.browser;

import org.ringfs.webdav.dav.DavPath;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Putting untrusted text into a page: every name a user chose is escaped for HTML text and
 * double-quoted attributes alike, and every URL is built from percent-encoded segments, so a name
 * such as {@code <script>}, {@code "}, a newline or 10,000 characters is shown as what it is.
 */
public final class Html {
    private Html() {}

    /** Text safe inside an element or a double- or single-quoted attribute value. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                case '\0' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The percent-encoded absolute path of {@code path} (only unreserved characters left bare), escaped for an attribute. */
    public static String href(DavPath path, boolean collection) {
        return escape(path.href(collection));
    }

    /** A query parameter value, percent-encoded. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
