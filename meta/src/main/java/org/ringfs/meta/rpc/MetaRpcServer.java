package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.common.ServerStreamConnection;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.server.XmlRpcServerConfigImpl;
import org.apache.xmlrpc.webserver.XmlRpcServletServer;
import org.ringfs.security.RefusalLog;
import org.ringfs.transport.XmlRpcHardening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.time.Duration;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Apache XML-RPC's servlet server, hardened for meta: i8 and nil extensions on, no exceptions on the
 * wire, the DOCTYPE-refusing parser, the restricted type factory and the writer that writes
 * characters outside the basic plane as UTF-8 (not as invalid surrogate references), and faults written as
 * faultCode + faultString only. The stock writeError hands the Throwable to the writer, which with
 * extensions on may serialize it as "faultCause"; the restricted type factory would then refuse to
 * write the fault at all.
 */
public final class MetaRpcServer extends XmlRpcServletServer {
    private static final Logger log = LoggerFactory.getLogger(MetaRpcServer.class);
    /** Malformed or hostile XML: warned about once per 10 s, not once per request. */
    private static final RefusalLog refusals = new RefusalLog(log, Duration.ofSeconds(10));

    public MetaRpcServer(MetaDispatcher calls) {
        XmlRpcHardening.installParserFactory();
        XmlRpcServerConfigImpl config = new XmlRpcServerConfigImpl();
        config.setEnabledForExtensions(true);
        config.setEnabledForExceptions(false);
        config.setEncoding("UTF-8");
        setConfig(config);
        setTypeFactory(XmlRpcHardening.typeFactory(this));
        setXMLWriterFactory(XmlRpcHardening.xmlWriterFactory()); // emoji and other astral characters as UTF-8
        setHandlerMapping(calls);
    }

    /** The library closes the body before it writes the reply; closing it reads the rest first. */
    @Override
    protected InputStream getInputStream(XmlRpcStreamRequestConfig config, ServerStreamConnection connection) throws IOException {
        return new DrainingRequestBody(super.getInputStream(config, connection));
    }

    @Override
    protected void writeError(XmlRpcStreamRequestConfig config, OutputStream out, Throwable error) throws XmlRpcException {
        // Uncoded XmlRpcExceptions come from the library itself: an unparsable request, a refused
        // DOCTYPE, an unknown type tag.
        int code = Faults.codeOf(error);
        String message = Faults.messageOf(error, "bad XML-RPC request: ");
        try {
            getXmlRpcWriter(config, out).write(config, code, message);
        } catch (SAXException e) {
            throw new XmlRpcException("failed to write a fault: " + e.getMessage(), e);
        }
    }

    /** Coded faults are answers, not server trouble; handlers already logged internal errors. */
    @Override
    protected void logError(Throwable t) {
        Faults.log(t, log, refusals);
    }
}
