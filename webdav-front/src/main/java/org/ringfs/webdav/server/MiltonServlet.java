package org.ringfs.webdav.server;

import io.milton.http.HttpManager;
import io.milton.servlet.ServletRequest;
import io.milton.servlet.ServletResponse;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Hands every request, whatever its method, to Milton. (jakarta's HttpServlet would answer the
 * WebDAV methods it does not know with 501 before Milton saw them.)
 */
final class MiltonServlet extends GenericServlet {
    private final transient HttpManager manager;

    MiltonServlet(HttpManager manager) {
        this.manager = manager;
    }

    @Override
    public void service(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse resp) throws IOException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        io.milton.servlet.MiltonServlet.setThreadlocals(request, response);
        try {
            manager.process(new ServletRequest(request, getServletContext()), new ServletResponse(response));
        } finally {
            io.milton.servlet.MiltonServlet.clearThreadlocals();
            response.flushBuffer();
        }
    }
}
