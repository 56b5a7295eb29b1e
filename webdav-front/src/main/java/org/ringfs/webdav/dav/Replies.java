package org.ringfs.webdav.dav;

import io.milton.http.Response;
import io.milton.servlet.ServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writing a status, and maybe an XML body, straight to the client. Milton's status enum lacks some
 * codes RingFS answers with (502, 414, 504, 508), which then go to the servlet response directly.
 */
public final class Replies {
    private Replies() {}

    public static void status(Response response, int code) {
        Response.Status s = Response.Status.fromCode(code);
        if (s != null) {
            response.setStatus(s);
        } else {
            ServletResponse.getResponse().setStatus(code);
        }
    }

    public static void empty(Response response, int code) {
        status(response, code);
        response.setContentLengthHeader(0L);
    }

    public static void xml(Response response, int code, XmlOut body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        status(response, code);
        response.setContentTypeHeader("application/xml; charset=utf-8");
        response.setContentLengthHeader((long) bytes.length);
        try {
            OutputStream out = response.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away while answering " + code, e);
        }
    }

    /** A status with a DAV:error body naming the precondition that failed (RFC 4918 16). */
    public static void error(Response response, int code, String precondition, String href) {
        XmlOut x = new XmlOut().root("error");
        if (href == null) {
            x.empty(precondition);
        } else {
            x.open(precondition).element("href", href).close(precondition);
        }
        xml(response, code, x.close("error"));
    }
}
