package org.ringfs.webdav.browser;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A multipart/form-data body (RFC 7578) read part by part, each part's content as a stream: memory
 * holds one bounded buffer (64 KiB plus the delimiter) and one part's headers (at most
 * {@link #MAX_HEADER_BYTES}), whatever the size of the files. Parts must be read in order: asking
 * for the next part skips what is left of the current one. A body cut short throws EOFException
 * from the part's stream, never a silently shortened file.
 */
public final class MultipartStream {
    /** One part's header block: enough for a 255-byte name percent-encoded, and then some. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER = 64 * 1024;

    /** A part: its field name, its file name (null for a plain field) and its content. */
    public record Part(String field, String fileName, InputStream body) {}

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private PartBody current;
    private boolean finished;

    public MultipartStream(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("bad multipart boundary");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // The first delimiter has no CRLF before it: pretend it had, so every delimiter looks alike.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The boundary parameter of a multipart/form-data Content-Type, or null when it is not one. */
    public static String boundaryOf(String contentType) {
        if (contentType == null) return null;
        String[] params = contentType.split(";");
        if (!params[0].trim().equalsIgnoreCase("multipart/form-data")) return null;
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The next part, or null after the closing delimiter. */
    public Part next() throws IOException {
        if (finished) return null;
        if (current == null) {
            skipPreamble();
        } else {
            current.skipRest();
        }
        // after a delimiter: "--" closes the body, CRLF opens a part (transport padding allowed)
        if (!fill(2)) throw new EOFException("multipart body ends after a delimiter");
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        skipPaddingAndCrlf();
        String headers = readHeaders();
        String disposition = header(headers, "content-disposition");
        String field = disposition == null ? null : param(disposition, "name");
        String fileName = disposition == null ? null : param(disposition, "filename");
        current = new PartBody();
        return new Part(field, fileName, current);
    }

    private void skipPreamble() throws IOException {
        PartBody preamble = new PartBody();
        preamble.skipRest();
    }

    private void skipPaddingAndCrlf() throws IOException {
        while (true) {
            if (!fill(1)) throw new EOFException("multipart body ends in a delimiter line");
            byte b = buf[pos];
            if (b == ' ' || b == '\t') {
                pos++;
                continue;
            }
            if (b == '\r' && fill(2) && buf[pos + 1] == '\n') {
                pos += 2;
                return;
            }
            throw new IOException("malformed multipart delimiter line");
        }
    }

    /** The header block up to its empty line, as ISO-8859-1 text re-read as UTF-8 (browsers send UTF-8 names). */
    private String readHeaders() throws IOException {
        java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream(256);
        int matched = 0; // of CRLFCRLF; the block starts right after a CRLF
        if (fill(2) && buf[pos] == '\r' && buf[pos + 1] == '\n') { // no headers at all
            pos += 2;
            return "";
        }
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            if (!fill(1)) throw new EOFException("multipart body ends in a part's headers");
            byte b = buf[pos++];
            block.write(b);
            if (block.size() > MAX_HEADER_BYTES) throw new IOException("a part's headers exceed " + MAX_HEADER_BYTES + " bytes");
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return block.toString(StandardCharsets.UTF_8);
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /**
     * A parameter of Content-Disposition. Browsers quote the value and write '"', CR and LF in it as
     * %22, %0D and %0A (the HTML standard's form encoding); only those three are decoded.
     */
    static String param(String disposition, String name) {
        int i = 0;
        int n = disposition.length();
        while (i < n) {
            int semi = disposition.indexOf(';', i);
            if (semi < 0) return null;
            i = semi + 1;
            while (i < n && disposition.charAt(i) == ' ') i++;
            int eq = disposition.indexOf('=', i);
            if (eq < 0) return null;
            String key = disposition.substring(i, eq).trim();
            String value;
            if (eq + 1 < n && disposition.charAt(eq + 1) == '"') {
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; j < n && disposition.charAt(j) != '"'; j++) {
                    char c = disposition.charAt(j);
                    if (c == '\\' && j + 1 < n && disposition.charAt(j + 1) == '"') c = disposition.charAt(++j);
                    v.append(c);
                }
                value = v.toString();
                i = j + 1;
            } else {
                int end = disposition.indexOf(';', eq);
                value = disposition.substring(eq + 1, end < 0 ? n : end).trim();
                i = end < 0 ? n : end;
            }
            if (key.equalsIgnoreCase(name)) {
                return value.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
            }
        }
        return null;
    }

    /** Makes at least {@code want} bytes available from pos; false when the body ends first. */
    private boolean fill(int want) throws IOException {
        if (lim - pos >= want) return true;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < want && !eof) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
            } else {
                lim += n;
            }
        }
        return lim - pos >= want;
    }

    /** The delimiter's index in buf[pos, lim), or -1. */
    private int findDelimiter() {
        outer:
        for (int i = pos; i <= lim - delimiter.length; i++) {
            for (int k = 0; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** One part's content: the bytes up to the next delimiter, which it consumes at its end. */
    private final class PartBody extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (len == 0) return 0;
            fill(delimiter.length);
            int at = findDelimiter();
            int available;
            if (at >= 0) {
                available = at - pos;
                if (available == 0) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                }
            } else {
                if (eof) throw new EOFException("multipart body ends inside a part");
                // fill left at least a delimiter's length: keep its last bytes, a delimiter may start there
                available = lim - pos - (delimiter.length - 1);
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }
}
