package org.ringfs.meta.rpc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;
import org.ringfs.api.BinaryCall;
import org.ringfs.api.BinaryValues;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaMethods;
import org.ringfs.security.RefusalLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The servlet at {@link MetaMethods#BINARY_PATH}: every POST is one call in {@link BinaryCall}'s
 * form, run by the same call table, retry guard and handlers as an XML-RPC call
 * ({@link MetaDispatcher}), behind the same signature check, body limit and cluster check; its
 * answer is the reply or the fault XML-RPC would have carried. What XML costs both sides (about a
 * third of a stat's CPU in meta and in its caller, by JFR) is gone; nothing else changes.
 */
public final class MetaBinaryServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(MetaBinaryServlet.class);
    private static final RefusalLog refusals = new RefusalLog(log, Duration.ofSeconds(10));

    /** The wire label its requests are counted under in meta's metrics. */
    static final String WIRE = "binary";

    private final transient MetaDispatcher calls;
    private final String clusterId;

    public MetaBinaryServlet(MetaDispatcher calls, String clusterId) {
        this.calls = calls;
        this.clusterId = clusterId;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (MetaRpcServlet.refusedAsOtherCluster(request, response, clusterId)) return;
        // The shell's body limit has already refused a longer body; this bound only makes it sure.
        byte[] body = request.getInputStream().readNBytes(MetaMethods.MAX_REQUEST_BYTES + 1);
        byte[] answer;
        if (body.length > MetaMethods.MAX_REQUEST_BYTES) {
            answer = BinaryCall.fault(ErrorCode.BAD_REQUEST.faultCode(), "a meta call larger than "
                    + MetaMethods.MAX_REQUEST_BYTES + " bytes");
        } else {
            MetaRpcServlet.serving(request, WIRE);
            try {
                answer = answer(body);
            } finally {
                MetaRpcServlet.served();
            }
        }
        response.setStatus(200);
        response.setContentType(MetaMethods.BINARY_TYPE);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    private byte[] answer(byte[] body) {
        BinaryCall.Request call;
        try {
            call = BinaryCall.parseRequest(ByteBuffer.wrap(body));
        } catch (BinaryValues.MalformedValueException e) {
            refusals.refused("a client", "bad binary meta call: " + e.getMessage());
            return BinaryCall.fault(ErrorCode.BAD_REQUEST.faultCode(), "bad meta call: " + e.getMessage());
        }
        try {
            Object reply = calls.getHandler(call.method()).execute(new Call(call));
            return BinaryCall.reply(reply);
        } catch (XmlRpcException | RuntimeException e) {
            Faults.log(e, log, refusals);
            return BinaryCall.fault(Faults.codeOf(e), Faults.messageOf(e, "bad meta call: "));
        }
    }

    /** The decoded call as the handlers take one. */
    private record Call(BinaryCall.Request request) implements XmlRpcRequest {
        @Override public XmlRpcRequestConfig getConfig() { return null; }
        @Override public String getMethodName() { return request.method(); }
        @Override public int getParameterCount() { return request.arguments().length; }
        @Override public Object getParameter(int i) { return request.arguments()[i]; }
    }
}
