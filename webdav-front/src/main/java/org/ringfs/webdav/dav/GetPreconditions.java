package org.ringfs.webdav.dav;

import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Request;
import io.milton.http.Response;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.client.RingFileSystem;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Conditional GET and HEAD (RFC 9110 13): If-Match and If-Unmodified-Since fail with 412,
 * If-None-Match and If-Modified-Since answer 304, so a client revalidates without the bytes.
 * Milton CE's GET handler ignores them for RingFS's resources, so this filter answers first.
 */
public final class GetPreconditions implements Filter {
    private final RingFileSystem fs;

    public GetPreconditions(RingFileSystem fs) {
        this.fs = fs;
    }

    @Override
    public void process(FilterChain chain, Request request, Response response) {
        Request.Method m = request.getMethod();
        // Only a conditional request needs the attributes here; a plain one would stat twice.
        if ((m == Request.Method.GET || m == Request.Method.HEAD) && isConditional(request)) {
            InodeAttributes current;
            try {
                current = fs.stat(Requests.target(request).value());
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.NOT_DIRECTORY) {
                    Replies.empty(response, e.code().httpStatus());
                    return;
                }
                current = null;
            }
            int status = current == null ? 0 : status(request, current);
            if (status != 0) {
                response.setEtag(ETags.of(current));
                Replies.empty(response, status);
                return;
            }
        }
        chain.process(request, response);
    }

    private static boolean isConditional(Request request) {
        for (String h : CONDITIONS) if (Requests.header(request, h) != null) return true;
        return false;
    }

    private static final String[] CONDITIONS = {"If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"};

    /** 412, 304, or 0 to serve the resource. */
    private static int status(Request request, InodeAttributes current) {
        String etag = ETags.of(current);
        long modifiedSeconds = current.mtimeNanos() / 1_000_000_000L;
        String ifMatch = Requests.header(request, "If-Match");
        if (ifMatch != null && !listed(ifMatch, etag)) return 412;
        Long unmodifiedSince = date(Requests.header(request, "If-Unmodified-Since"));
        if (ifMatch == null && unmodifiedSince != null && modifiedSeconds > unmodifiedSince) return 412;
        String ifNoneMatch = Requests.header(request, "If-None-Match");
        if (ifNoneMatch != null) return listed(ifNoneMatch, etag) ? 304 : 0;
        Long modifiedSince = date(Requests.header(request, "If-Modified-Since"));
        if (modifiedSince != null && modifiedSeconds <= modifiedSince) return 304;
        return 0;
    }

    private static boolean listed(String header, String etag) {
        if (header.trim().equals("*")) return true;
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) c = c.substring(2); // weak comparison is what If-None-Match asks for
            if (c.equals(etag)) return true;
        }
        return false;
    }

    /** Seconds since the epoch of an HTTP date, or null when absent or unreadable (then ignored, RFC 9110 13.1.3). */
    private static Long date(String value) {
        if (value == null) return null;
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
