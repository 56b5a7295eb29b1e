package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.security.RefusalLog;
import org.ringfs.transport.XmlRpcHardening;
import org.slf4j.Logger;

/**
 * The faults meta sends: an {@link ErrorCode#faultCode()} and a message. The XmlRpcExceptions built
 * here carry no cause, so nothing but the code and the text can reach the wire.
 */
final class Faults {
    private Faults() {}

    static XmlRpcException of(RingFsException e) {
        return new XmlRpcException(e.code().faultCode(), e.getMessage());
    }

    static XmlRpcException of(ErrorCode code, String message) {
        return new XmlRpcException(code.faultCode(), message);
    }

    static XmlRpcException internal(String method, RuntimeException e) {
        return of(ErrorCode.INTERNAL, method + ": internal error (" + e.getClass().getSimpleName() + "), see the meta log");
    }

    /**
     * The fault code a failed call answers, on either wire: a coded fault's own; BAD_REQUEST for an
     * uncoded XmlRpcException (the request could not be read as a call); INTERNAL for anything else.
     */
    static int codeOf(Throwable error) {
        if (error instanceof XmlRpcException e && isCoded(e)) return e.code;
        if (error instanceof XmlRpcException) return ErrorCode.BAD_REQUEST.faultCode();
        return ErrorCode.INTERNAL.faultCode();
    }

    /**
     * The message that goes with {@link #codeOf}: never an exception's text but a coded fault's or a
     * refused request's (after {@code badRequest}); half a surrogate pair in it becomes U+FFFD, so a
     * fault is always written.
     */
    static String messageOf(Throwable error, String badRequest) {
        String message;
        if (error instanceof XmlRpcException e && isCoded(e)) message = e.getMessage();
        else if (error instanceof XmlRpcException e) message = badRequest + e.getMessage();
        else message = "internal error (" + error.getClass().getSimpleName() + "), see the meta log";
        return XmlRpcHardening.withoutLoneSurrogates(message);
    }

    /** Coded faults are answers, not server trouble; handlers already logged internal errors. */
    static void log(Throwable t, Logger log, RefusalLog refusals) {
        if (t instanceof XmlRpcException e && isCoded(e)) {
            log.debug("fault {}: {}", e.code, e.getMessage());
        } else if (t instanceof XmlRpcException) {
            refusals.refused("a client", t.getMessage()); // the servlet layer knows no address here
        } else {
            log.error("meta call failed", t);
        }
    }

    /** Whether a fault code is one of ours (a handler or the dispatcher made it). */
    static boolean isCoded(XmlRpcException e) {
        return e.code != 0 && ErrorCode.ofFault(e.code).faultCode() == e.code;
    }
}
