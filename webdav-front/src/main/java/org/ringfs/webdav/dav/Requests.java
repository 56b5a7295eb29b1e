package org.ringfs.webdav.dav;

import io.milton.http.Request;

import java.util.Map;

/** What RingFS's handlers read off a Milton request, read the same way everywhere. */
public final class Requests {
    /** Depth: infinity, or no Depth header, which means the same (RFC 4918 10.2). */
    public static final int INFINITY = Integer.MAX_VALUE;

    private Requests() {}

    /** The decoded path of the request URI. */
    public static DavPath target(Request request) {
        return DavPath.ofUri(request.getAbsoluteUrl());
    }

    /** A header by case-insensitive name, or null. */
    public static String header(Request request, String name) {
        for (Map.Entry<String, String> h : request.getHeaders().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
        }
        return null;
    }

    /** 0, 1 or {@link #INFINITY}; {@code absent} when there is no Depth header; -1 when it is malformed. */
    public static int depth(Request request, int absent) {
        String d = header(request, "Depth");
        if (d == null) return absent;
        return switch (d.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "0" -> 0;
            case "1" -> 1;
            case "infinity" -> INFINITY;
            default -> -1;
        };
    }

    /** Whether the request carries a body (a length over 0, or chunked). */
    public static boolean hasBody(Request request) {
        Long length = request.getContentLengthHeader();
        if (length != null) return length > 0;
        String te = header(request, "Transfer-Encoding");
        return te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }
}
