package org.ringfs.webdav.dav;

import io.milton.http.Auth;
import io.milton.http.Range;
import io.milton.resource.BufferingControlResource;
import io.milton.resource.GetableResource;
import io.milton.resource.ReplaceableResource;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.util.Map;

/** A regular file: its bytes stream out block by block (a Range streams only its part), never buffered whole. */
public final class RingFile extends RingResource implements GetableResource, ReplaceableResource, BufferingControlResource {
    private static final int BUFFER = 256 * 1024;

    RingFile(DavContext context, DavPath path, InodeAttributes attributes) {
        super(context, path, attributes);
    }

    @Override
    public boolean isCollection() { return false; }

    /**
     * Milton's path to the bytes (RingFS's {@link GetHandler} answers GET itself): a range is read
     * through {@code openRange}, so only its chunks are fetched; {@code bytes=-N} is the last N bytes.
     */
    @Override
    public void sendContent(OutputStream out, Range range, Map<String, String> params, String contentType) throws IOException {
        long size = attributes.size();
        long start = range == null || range.getStart() == null ? 0 : range.getStart();
        long end = range == null || range.getFinish() == null ? size - 1 : Math.min(range.getFinish(), size - 1);
        if (range != null && range.getStart() == null && range.getFinish() != null) {
            start = Math.max(0, size - range.getFinish());
            end = size - 1;
        }
        if (end < start) return;
        try (InputStream in = context.fs().openRange(path.value(), attributes, start, end - start + 1)) {
            byte[] buffer = new byte[(int) Math.min(BUFFER, end - start + 1)];
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) out.write(buffer, 0, n);
        }
    }

    @Override
    public Long getMaxAgeSeconds(Auth auth) {
        return null;
    }

    @Override
    public String getContentType(String accepts) {
        String guessed = URLConnection.guessContentTypeFromName(path.name());
        return guessed != null ? guessed : "application/octet-stream";
    }

    @Override
    public Long getContentLength() {
        return attributes.size();
    }

    /** Milton's own PUT path; RingFS answers PUT with {@code PutHandler}, which streams the same way. */
    @Override
    public void replaceContent(InputStream body, Long length) {
        try {
            Uploads.store(context.fs(), path, body, attributes, attributes.uid(), attributes.gid());
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Never: a file may be larger than memory. */
    @Override
    public Boolean isBufferingRequired() {
        return false;
    }
}
