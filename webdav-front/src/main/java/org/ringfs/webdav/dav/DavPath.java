package org.ringfs.webdav.dav;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path inside the drive as the file system wants it: absolute, '/'-separated, decoded, without
 * a trailing slash (the root is "/"). Built from what a client sent, written back as an href.
 */
public record DavPath(String value) {

    public static final DavPath ROOT = new DavPath("/");

    public DavPath {
        if (!value.startsWith("/")) throw new IllegalArgumentException("not absolute: " + value);
    }

    /** A decoded path with any redundant slashes, "." segments and trailing slash removed. */
    public static DavPath of(String decoded) {
        List<String> segments = new ArrayList<>();
        for (String s : decoded.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            segments.add(s);
        }
        return segments.isEmpty() ? ROOT : new DavPath("/" + String.join("/", segments));
    }

    /** The path of a request URI or Destination header: an absolute URL or an absolute path, percent-encoded. */
    public static DavPath ofUri(String uri) {
        String rawPath = uri;
        if (!uri.startsWith("/")) {
            rawPath = URI.create(uri).getRawPath();
            if (rawPath == null || rawPath.isEmpty()) rawPath = "/";
        }
        int query = rawPath.indexOf('?');
        if (query >= 0) rawPath = rawPath.substring(0, query);
        return of(percentDecode(rawPath));
    }

    public boolean isRoot() { return value.equals("/"); }

    public String name() {
        return isRoot() ? "" : value.substring(value.lastIndexOf('/') + 1);
    }

    public DavPath parent() {
        if (isRoot()) return ROOT;
        int slash = value.lastIndexOf('/');
        return slash == 0 ? ROOT : new DavPath(value.substring(0, slash));
    }

    public DavPath child(String name) {
        return new DavPath(isRoot() ? "/" + name : value + "/" + name);
    }

    /** This path or one below it. */
    public boolean isWithin(DavPath ancestor) {
        return ancestor.isRoot() || value.equals(ancestor.value) || value.startsWith(ancestor.value + "/");
    }

    /** The percent-encoded href a client uses; collections end with '/'. */
    public String href(boolean collection) {
        StringBuilder out = new StringBuilder();
        for (String segment : value.split("/")) {
            if (segment.isEmpty()) continue;
            out.append('/').append(percentEncode(segment));
        }
        if (out.length() == 0 || collection) out.append('/');
        return out.toString();
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 <= s.length() - 1) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    bytes.write(hi * 16 + lo);
                    i += 3;
                    continue;
                }
            }
            int cp = s.codePointAt(i);
            bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(cp);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String percentEncode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() { return value; }
}
