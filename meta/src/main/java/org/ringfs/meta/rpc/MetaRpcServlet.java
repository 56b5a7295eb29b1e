package org.ringfs.meta.rpc;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ringfs.api.MetaService;

import java.io.IOException;

/** The servlet at MetaMethods.PATH: every POST is one XML-RPC call; other methods get 405. */
public final class MetaRpcServlet extends HttpServlet {
    private final transient MetaRpcServer server;

    public MetaRpcServlet(MetaService meta) { this.server = new MetaRpcServer(meta); }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        server.execute(request, response);
    }
}
