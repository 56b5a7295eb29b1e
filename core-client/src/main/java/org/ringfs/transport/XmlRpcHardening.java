package org.ringfs.transport;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.apache.ws.commons.serialize.CharSetXMLWriter;
import org.apache.ws.commons.serialize.XMLWriter;
import org.apache.ws.commons.util.NamespaceContextImpl;
import org.apache.xmlrpc.common.TypeFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcController;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.parser.TypeParser;
import org.apache.xmlrpc.serializer.ByteArraySerializer;
import org.apache.xmlrpc.serializer.CharSetXmlWriterFactory;
import org.apache.xmlrpc.serializer.TypeSerializer;
import org.apache.xmlrpc.serializer.TypeSerializerImpl;
import org.apache.xmlrpc.serializer.XmlWriterFactory;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.apache.xmlrpc.util.SAXParsers;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What makes Apache XML-RPC safe to face a network, for both sides of the meta wire: a SAX parser
 * that refuses DOCTYPEs (no XXE, no external DTD fetch, no entity expansion bombs) and elements
 * nested deeper than {@link #MAX_ELEMENT_DEPTH} (the library parses nested values recursively, so
 * a value nested thousands deep would overflow the stack), and a type
 * factory that speaks the i8 and nil extensions but refuses {@code ex:serializable} both ways, so
 * no Java object is ever deserialized (CVE-2019-17570) and no stray type is ever sent. Both sides
 * also write with {@link #xmlWriterFactory()}: the stock writer turns every character outside
 * Unicode's basic plane (an emoji) into two character references to its UTF-16 surrogates, which
 * no XML parser accepts.
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
            if (object instanceof byte[]) return BASE64;
            if (object == null || object instanceof String || object instanceof Integer || object instanceof Long
                    || object instanceof Boolean || object instanceof Double
                    || object instanceof Object[] || object instanceof List || object instanceof Map) {
                return super.getSerializer(config, object);
            }
            throw new SAXException("refusing to put a " + object.getClass().getName() + " on the wire");
        }
    }

    private static final TypeSerializer BASE64 = new Base64Serializer();

    /**
     * Writes a byte[] as Apache's ByteArraySerializer does (standard base64 with padding, no line
     * breaks, the same XML), encoding with the JDK's java.util.Base64 in one pass instead of
     * Apache's encoder, a call per 3 bytes: that was about a tenth of meta's CPU for a large value (a
     * packed listing), and the JDK's loop is already compiled in a JVM that signs its requests.
     */
    static final class Base64Serializer extends TypeSerializerImpl {
        /** Characters per characters() call, as Apache's serializer writes them. */
        private static final int CHUNK = 1024;

        @Override
        public void write(ContentHandler handler, Object object) throws SAXException {
            handler.startElement("", VALUE_TAG, VALUE_TAG, ZERO_ATTRIBUTES);
            handler.startElement("", ByteArraySerializer.BASE_64_TAG, ByteArraySerializer.BASE_64_TAG, ZERO_ATTRIBUTES);
            byte[] encoded = Base64.getEncoder().encode((byte[]) object);
            char[] chunk = new char[Math.min(CHUNK, encoded.length)];
            for (int at = 0; at < encoded.length; at += chunk.length) {
                int n = Math.min(chunk.length, encoded.length - at);
                for (int i = 0; i < n; i++) chunk[i] = (char) encoded[at + i]; // base64 is ASCII
                handler.characters(chunk, 0, n);
            }
            handler.endElement("", ByteArraySerializer.BASE_64_TAG, ByteArraySerializer.BASE_64_TAG);
            handler.endElement("", VALUE_TAG, VALUE_TAG);
        }
    }

    private static final XmlWriterFactory WRITERS = new UnicodeXmlWriterFactory();

    /**
     * The XML writer factory both sides install (the client on its XmlRpcClient, meta on its
     * server): every character, a supplementary one (an emoji, CJK Extension B) too, goes out as its
     * own bytes of UTF-8, and a String holding a lone UTF-16 surrogate (no character at all) is
     * refused with an {@link UnpairedSurrogateException} instead of written.
     */
    public static XmlWriterFactory xmlWriterFactory() {
        return WRITERS;
    }

    /**
     * The text with every lone UTF-16 surrogate replaced by U+FFFD: for what must be written
     * whatever it holds (a fault's message), where refusing would leave no answer at all.
     */
    public static String withoutLoneSurrogates(String text) {
        if (text == null) return null;
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (fixed == null) fixed = new StringBuilder(text);
            fixed.setCharAt(i, '\uFFFD');
        }
        return fixed == null ? text : fixed.toString();
    }

    /** A String to be written holds half a surrogate pair: it is not Unicode text, and XML cannot carry it. */
    public static final class UnpairedSurrogateException extends SAXException {
        UnpairedSurrogateException(String message) { super(message); }
    }

    private static final class UnicodeXmlWriterFactory extends CharSetXmlWriterFactory {
        @Override
        protected XMLWriter newXmlWriter() {
            return new UnicodeXmlWriter();
        }
    }

    /**
     * The stock writer asks its CharsetEncoder about one char at a time; no encoder can encode half
     * a surrogate pair, so the stock writer writes each half as "&amp;#55356;", which is no XML
     * character. This one checks that every surrogate in the text is half of a pair, then lets the
     * pairs through to the stream's UTF encoder, which writes each pair as one character. The
     * library writes each string value and member name in one characters() call.
     *
     * <p>Text with nothing to escape (no '&amp;', '&lt;' or '&gt;'; every character encodes in a UTF
     * charset) goes to the stream in one write: the stock writer writes one character at a time, a
     * synchronized {@code Writer.write(int)} each, which was most of meta's CPU for a large base64
     * value (a packed listing). The bytes are the same either way.
     */
    static final class UnicodeXmlWriter extends CharSetXMLWriter {
        private boolean unicode = true;
        /** Whether the stock writer would write every character but '&amp;', '&lt;' and '&gt;' as itself. */
        private boolean verbatim;

        @Override
        public void startDocument() throws SAXException {
            String encoding = getEncoding() == null ? "UTF-8" : getEncoding();
            unicode = Charset.forName(encoding).name().toUpperCase(Locale.ROOT).startsWith("UTF-");
            super.startDocument();
            verbatim = unicode && super.canEncode('x'); // a UTF encoder encodes every char but half a pair
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            boolean escapes = false;
            for (int i = start, end = start + length; i < end; i++) {
                char c = ch[i];
                if (c == '&' || c == '<' || c == '>') escapes = true;
                if (!Character.isSurrogate(c)) continue;
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(ch[i + 1])) {
                    if (!unicode) {
                        throw new SAXException("cannot write U+" + Integer.toHexString(Character.toCodePoint(c, ch[i + 1]))
                                .toUpperCase(Locale.ROOT) + " in " + getEncoding());
                    }
                    i++;
                    continue;
                }
                throw new UnpairedSurrogateException(String.format(
                        "text holds a lone UTF-16 surrogate \\u%04X at char %d of %d: it is no Unicode character, refusing to send it",
                        (int) c, i - start, length));
            }
            if (escapes || !verbatim || getWriter() == null) {
                super.characters(ch, start, length);
                return;
            }
            super.characters(ch, start, 0); // ends a start tag still open ("<base64" before its '>')
            try {
                getWriter().write(ch, start, length);
            } catch (IOException e) {
                throw new SAXException(e);
            }
        }

        /** Surrogates reach here only as whole pairs (see characters()). */
        @Override
        public boolean canEncode(char c) {
            return Character.isSurrogate(c) ? unicode : super.canEncode(c);
        }
    }
}
