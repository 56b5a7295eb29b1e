package org.ringfs.transport;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.apache.ws.commons.util.NamespaceContextImpl;
import org.apache.xmlrpc.common.TypeFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcController;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.parser.TypeParser;
import org.apache.xmlrpc.serializer.TypeSerializer;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.apache.xmlrpc.util.SAXParsers;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

import java.util.List;
import java.util.Map;

/**
 * What makes Apache XML-RPC safe to face a network, for both sides of the meta wire: a SAX parser
 * that refuses DOCTYPEs (no XXE, no external DTD fetch, no entity expansion bombs) and elements
 * nested deeper than {@link #MAX_ELEMENT_DEPTH} (the library parses nested values recursively, so
 * a value nested thousands deep would overflow the stack), and a type
 * factory that speaks the i8 and nil extensions but refuses {@code ex:serializable} both ways, so
 * no Java object is ever deserialized (CVE-2019-17570) and no stray type is ever sent.
 */
public final class XmlRpcHardening {
    private XmlRpcHardening() {}

    private static volatile boolean installed;

    /**
     * Deepest element nesting a message may have. The deepest real RingFS message (a commit's
     * block list of structs holding arrays) is about 15 deep; a hostile one may be 100,000 deep.
     */
    public static final int MAX_ELEMENT_DEPTH = 64;
    /** The JDK parser's element depth limit, a JAXP property of each SAXParser. */
    private static final String JDK_MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    /** Installs the hardened SAX parser factory for every XML-RPC parse in this JVM. Idempotent. */
    public static synchronized void installParserFactory() {
        if (installed) return;
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (Exception e) {
            throw new IllegalStateException("the JDK's SAX parser refuses to be hardened", e);
        }
        SAXParsers.setSAXParserFactory(new DepthLimitedFactory(f));
        installed = true;
    }

    /**
     * The hardened factory, whose every parser also refuses nesting past {@link #MAX_ELEMENT_DEPTH}:
     * Apache XML-RPC creates its parsers with {@code newSAXParser().getXMLReader()}, once per call.
     * Building a JDK parser costs about as much as parsing a small reply, so each thread reuses
     * one: reset to its factory state, the depth limit set again. A thread parses one message at a
     * time (XML-RPC never nests parses), so a parser is never handed out while in use.
     */
    private static final class DepthLimitedFactory extends SAXParserFactory {
        private final SAXParserFactory hardened;
        private final ThreadLocal<SAXParser> perThread = new ThreadLocal<>();

        DepthLimitedFactory(SAXParserFactory hardened) {
            this.hardened = hardened;
            setNamespaceAware(hardened.isNamespaceAware());
            setValidating(false);
        }

        @Override
        public SAXParser newSAXParser() throws ParserConfigurationException, SAXException {
            SAXParser parser = perThread.get();
            if (parser == null) {
                parser = hardened.newSAXParser();
                perThread.set(parser);
            } else {
                parser.reset();
            }
            parser.setProperty(JDK_MAX_ELEMENT_DEPTH, Integer.toString(MAX_ELEMENT_DEPTH));
            return parser;
        }

        @Override
        public void setFeature(String name, boolean value)
                throws ParserConfigurationException, SAXNotRecognizedException, SAXNotSupportedException {
            hardened.setFeature(name, value);
        }

        @Override
        public boolean getFeature(String name)
                throws ParserConfigurationException, SAXNotRecognizedException, SAXNotSupportedException {
            return hardened.getFeature(name);
        }
    }

    /** The type factory both sides install on their XmlRpcController. */
    public static TypeFactoryImpl typeFactory(XmlRpcController controller) {
        return new RestrictedTypeFactory(controller);
    }

    private static final class RestrictedTypeFactory extends TypeFactoryImpl {
        RestrictedTypeFactory(XmlRpcController controller) { super(controller); }

        @Override
        public TypeParser getParser(XmlRpcStreamConfig config, NamespaceContextImpl context, String uri, String localName) {
            if (XmlRpcWriter.EXTENSIONS_URI.equals(uri) && !"i8".equals(localName) && !"nil".equals(localName)) {
                return null; // serializable, dom, jaxb, i1, i2, float, date-time...: an "unknown type" error
            }
            return super.getParser(config, context, uri, localName);
        }

        @Override
        public TypeSerializer getSerializer(XmlRpcStreamConfig config, Object object) throws SAXException {
            if (object == null || object instanceof String || object instanceof Integer || object instanceof Long
                    || object instanceof Boolean || object instanceof Double || object instanceof byte[]
                    || object instanceof Object[] || object instanceof List || object instanceof Map) {
                return super.getSerializer(config, object);
            }
            throw new SAXException("refusing to put a " + object.getClass().getName() + " on the wire");
        }
    }
}
