package org.ringfs.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.ringfs.api.BinaryCall;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaRedirect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for one meta group member in unit tests of the client: the JDK's small HTTP server on
 * loopback answering every binary meta call with what its current {@link Answer} says (a reply, a
 * NOT_MASTER fault, or a closed connection), and recording the call name header of every request.
 */
final class FakeMetaMember implements AutoCloseable {
    /** What the member answers to its {@code n}th request (from 1): a binary answer body, or null to hang up. */
    interface Answer {
        byte[] body(int n);
    }

    private final HttpServer server;
    private final List<String> callNames = new CopyOnWriteArrayList<>();
    private volatile Answer answer;

    private FakeMetaMember() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(MetaMethods.BINARY_PATH, this::handle);
        answer = n -> fault(ErrorCode.NOT_SUPPORTED, "no answer scripted");
        server.start();
    }

    static FakeMetaMember start() throws IOException {
        return new FakeMetaMember();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    FakeMetaMember answering(Answer a) {
        answer = a;
        return this;
    }

    /** A replica: NOT_MASTER naming {@code master} (null: none known), as a meta replica words it. */
    FakeMetaMember replicaOf(FakeMetaMember master) {
        String named = master == null ? null : master.address();
        return answering(n -> fault(ErrorCode.NOT_MASTER, MetaRedirect.notMaster(address(), named).getMessage()));
    }

    /** The master: every call answered with the wire value {@code value}. */
    FakeMetaMember masterAnswering(Object value) {
        return answering(n -> reply(value));
    }

    int requests() {
        return callNames.size();
    }

    /** The call name header of every request so far ("-" for none). */
    List<String> callNames() {
        return List.copyOf(callNames);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String name = exchange.getRequestHeaders().getFirst(MetaMethods.CALL_HEADER);
        callNames.add(name == null ? "-" : name);
        byte[] bytes = answer.body(callNames.size());
        if (bytes == null) {
            exchange.close(); // no status line: the client sees the connection end without a reply
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", MetaMethods.BINARY_TYPE);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static byte[] reply(Object value) {
        return BinaryCall.reply(value);
    }

    static byte[] fault(ErrorCode code, String message) {
        return BinaryCall.fault(code.faultCode(), message);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
