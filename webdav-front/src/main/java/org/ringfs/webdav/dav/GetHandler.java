package org.ringfs.webdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.http.exceptions.BadRequestException;
import io.milton.http.exceptions.ConflictException;
import io.milton.http.exceptions.NotAuthorizedException;
import io.milton.http.exceptions.NotFoundException;
import io.milton.resource.Resource;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GET and HEAD of a file, streamed. A Range (RFC 9110 14) is answered 206 with exactly its bytes,
 * read through {@code RingFileSystem.openRange}: the client seeks to the range and fetches only the
 * chunks that hold it (a 4 KiB range of a large file costs meta one row and the data servers one
 * 64 KiB chunk), never the bytes before it. Suffix ranges ({@code bytes=-500}: the last 500
 * bytes) and open ranges ({@code bytes=N-}) are resolved against the size; several
 * non-overlapping ranges are sent as multipart/byteranges; none satisfiable is 416 with
 * {@code Content-Range: bytes *}{@code /size}. If-Range is honoured (a strong ETag or the exact
 * Last-Modified date). Every answer carries ETag, Last-Modified, Accept-Ranges and, as Milton's
 * did, {@code Cache-Control: no-cache}. Folders and
 * missing paths go to Milton's handler as before. Milton CE's own range answer says
 * {@code bytes 0-500} for a suffix range and sends no Last-Modified on a 206.
 */
public final class GetHandler implements Handler {
    private static final int BUFFER = 256 * 1024;

    private final DavContext context;
    private final RingResourceFactory resources;
    private final Handler milton;

    /** @param milton Milton's GET handler, for what is not a file */
    public GetHandler(DavContext context, RingResourceFactory resources, Handler milton) {
        this.context = context;
        this.resources = resources;
        this.milton = milton;
    }

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.GET.code, Request.Method.HEAD.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return true;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response)
            throws NotAuthorizedException, ConflictException, BadRequestException, NotFoundException {
        RingResource resource = resources.resolve(Requests.target(request));
        if (!(resource instanceof RingFile file)) {
            milton.process(manager, request, response);
            return;
        }
        InodeAttributes a = file.attributes();
        long size = a.size();
        String type = file.getContentType(null);
        response.setEtag(ETags.of(a));
        response.setLastModifiedHeader(file.getModifiedDate());
        response.setAcceptRanges("bytes");
        response.setCacheControlNoCacheHeader(); // as Milton's handler said: clients revalidate with the ETag
        if (request.getMethod() == Request.Method.HEAD) {
            Replies.status(response, 200);
            response.setContentTypeHeader(type);
            response.setContentLengthHeader(size);
            return;
        }
        List<RangeHeader.Span> spans = ifRangeHolds(request, a)
                ? RangeHeader.parse(Requests.header(request, "Range"), size) : null;
        if (spans == null) {
            Replies.status(response, 200);
            response.setContentTypeHeader(type);
            response.setContentLengthHeader(size);
            send(file, response, List.of(new RangeHeader.Span(0, size - 1)), null, type);
        } else if (spans.isEmpty()) {
            response.setNonStandardHeader("Content-Range", "bytes */" + size);
            Replies.empty(response, 416);
        } else if (spans.size() == 1) {
            RangeHeader.Span s = spans.get(0);
            Replies.status(response, 206);
            response.setNonStandardHeader("Content-Range", contentRange(s, size));
            response.setContentTypeHeader(type);
            response.setContentLengthHeader(s.length());
            send(file, response, spans, null, type);
        } else {
            String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "ringfs";
            long length = 0;
            for (RangeHeader.Span s : spans) length += partHead(boundary, type, s, size).length + s.length();
            length += tail(boundary).length;
            Replies.status(response, 206);
            response.setContentTypeHeader("multipart/byteranges; boundary=" + boundary);
            response.setContentLengthHeader(length);
            send(file, response, spans, boundary, type);
        }
    }

    /** Streams each span (with its part header when {@code boundary} is set), at most one buffer in memory. */
    private void send(RingFile file, Response response, List<RangeHeader.Span> spans, String boundary, String type) {
        InodeAttributes a = file.attributes();
        OutputStream out = response.getOutputStream();
        for (RangeHeader.Span s : spans) {
            if (s.length() <= 0) continue; // an empty file
            try (InputStream in = context.fs().openRange(file.path().value(), a, s.first(), s.length())) {
                byte[] buffer = new byte[(int) Math.min(BUFFER, s.length())];
                long left = s.length();
                boolean first = true;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) throw new EOFException(file.path() + " ended " + left + " bytes early (truncated meanwhile)");
                    if (first && boundary != null) write(out, partHead(boundary, type, s, a.size()));
                    first = false;
                    write(out, buffer, n);
                    left -= n;
                }
            } catch (RingFsException e) {
                throw new StoreFailure(e); // before the first byte: its status; after: the cut connection says it
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + file.path() + " cut off", e);
            }
        }
        if (boundary != null) write(out, tail(boundary));
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + file.path() + ": client went away", e);
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        write(out, bytes, bytes.length);
    }

    private static void write(OutputStream out, byte[] bytes, int n) {
        try {
            out.write(bytes, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }

    private static String contentRange(RangeHeader.Span s, long size) {
        return "bytes " + s.first() + "-" + s.last() + "/" + size;
    }

    private static byte[] partHead(String boundary, String type, RangeHeader.Span s, long size) {
        return ("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: " + contentRange(s, size)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] tail(String boundary) {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** No If-Range, or one naming this very representation: a strong ETag, or exactly its Last-Modified (RFC 9110 13.1.5). */
    private static boolean ifRangeHolds(Request request, InodeAttributes a) {
        String ifRange = Requests.header(request, "If-Range");
        if (ifRange == null) return true;
        String v = ifRange.trim();
        if (v.startsWith("\"")) return v.equals(ETags.of(a));
        if (v.startsWith("W/")) return false;
        try {
            long seconds = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            return seconds == a.mtimeNanos() / 1_000_000_000L;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
