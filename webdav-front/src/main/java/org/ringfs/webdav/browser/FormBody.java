package org.ringfs.webdav.browser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An application/x-www-form-urlencoded body of the page's small forms, read whole but bounded. */
public final class FormBody {
    /** The forms carry a token, an operation and two names of at most 255 bytes each (x3 when encoded). */
    static final int MAX_BYTES = 8 * 1024;

    private FormBody() {}

    /** The fields (the first value of each), or null when the body is larger than {@link #MAX_BYTES}. */
    public static Map<String, String> read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) return null;
        return parse(new String(bytes, StandardCharsets.US_ASCII));
    }

    static Map<String, String> parse(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (key != null && value != null) fields.putIfAbsent(key, value);
        }
        return fields;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
