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

    @Override
    public void sendContent(OutputStream out, Range range, Map<String, String> params, String contentType) throws IOException {
        long start = range == null || range.getStart() == null ? 0 : range.getStart();
        long end = range == null || range.getFinish() == null ? attributes.size() - 1 : Math.min(range.getFinish(), attributes.size() - 1);
        if (range != null && range.getStart() == null && range.getFinish() != null) {
            // "bytes=-N": the last N bytes
            start = Math.max(0, attributes.size() - range.getFinish());
            end = attributes.size() - 1;
        }
        try (InputStream in = context.fs().openInput(path.value(), attributes)) {
            in.skipNBytes(start);
            long remaining = end - start + 1;
            byte[] buffer = new byte[BUFFER];
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) break;
                out.write(buffer, 0, n);
                remaining -= n;
            }
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
