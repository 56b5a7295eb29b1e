package org.ringfs.webdav.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class MultipartStreamTest {
    static final String B = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    static byte[] body(byte[] file, String fileName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nTOK\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n--" + B + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Hands out at most 7 bytes per read, so delimiters straddle every buffer edge. */
    static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void readsFieldsAndFilesAsStreamsWhateverTheReadSizes() throws IOException {
        byte[] file = new byte[300_000];
        new Random(1).nextBytes(file);
        // bytes that look like the start of a delimiter inside the file
        byte[] trap = ("\r\n--" + B.substring(0, 20)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(trap, 0, file, 65_530, trap.length);
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(body(file, "r\u00e9sum\u00e9 %22x%22.bin")),
                trickle(body(file, "r\u00e9sum\u00e9 %22x%22.bin"))}) {
            MultipartStream parts = new MultipartStream(in, B);
            MultipartStream.Part token = parts.next();
            assertThat(token.field()).isEqualTo("token");
            assertThat(token.fileName()).isNull();
            assertThat(new String(token.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("TOK");
            MultipartStream.Part f = parts.next();
            assertThat(f.field()).isEqualTo("file");
            assertThat(f.fileName()).isEqualTo("r\u00e9sum\u00e9 \"x\".bin");
            assertThat(f.body().readAllBytes()).isEqualTo(file);
            MultipartStream.Part empty = parts.next();
            assertThat(empty.fileName()).isEmpty();
            assertThat(empty.body().readAllBytes()).isEmpty();
            assertThat(parts.next()).isNull();
            assertThat(parts.next()).isNull();
        }
    }

    @Test
    void aSkippedPartIsDrained() throws IOException {
        MultipartStream parts = new MultipartStream(new ByteArrayInputStream(body(new byte[100_000], "a")), B);
        parts.next();
        parts.next(); // not read
        assertThat(parts.next().fileName()).isEmpty();
        assertThat(parts.next()).isNull();
    }

    @Test
    void aBodyCutShortIsAnErrorNotAShortFile() throws IOException {
        byte[] whole = body(new byte[200_000], "a");
        byte[] cut = java.util.Arrays.copyOf(whole, 150_000);
        MultipartStream parts = new MultipartStream(new ByteArrayInputStream(cut), B);
        parts.next();
        MultipartStream.Part f = parts.next();
        assertThatThrownBy(() -> f.body().readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void headersAreBounded() {
        String huge = "--" + B + "\r\nX-Junk: " + "a".repeat(MultipartStream.MAX_HEADER_BYTES) + "\r\n\r\nx\r\n--" + B + "--\r\n";
        MultipartStream parts = new MultipartStream(new ByteArrayInputStream(huge.getBytes(StandardCharsets.US_ASCII)), B);
        assertThatThrownBy(parts::next).isInstanceOf(IOException.class).hasMessageContaining("exceed");
    }

    @Test
    void boundaryAndDispositionParameters() {
        assertThat(MultipartStream.boundaryOf("multipart/form-data; boundary=" + B)).isEqualTo(B);
        assertThat(MultipartStream.boundaryOf("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartStream.boundaryOf("application/x-www-form-urlencoded")).isNull();
        assertThat(MultipartStream.boundaryOf("multipart/form-data")).isNull();
        assertThat(MultipartStream.param("form-data; name=\"file\"; filename=\"a;b=c.txt\"", "filename")).isEqualTo("a;b=c.txt");
        assertThat(MultipartStream.param("form-data; name=\"file\"; filename=\"a;b=c.txt\"", "name")).isEqualTo("file");
        assertThat(MultipartStream.param("form-data; name=token", "name")).isEqualTo("token");
        assertThat(MultipartStream.param("form-data; name=\"f\"; filename=\"x%0Ay\"", "filename")).isEqualTo("x\ny");
    }
}
