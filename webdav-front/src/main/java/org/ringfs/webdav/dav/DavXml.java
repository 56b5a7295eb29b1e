package org.ringfs.webdav.dav;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading WebDAV request bodies: namespace-aware, no DOCTYPE (so no entity expansion and no
 * external fetches), and writing a client's element back exactly, namespaces included, so dead
 * properties and lock owners round-trip.
 */
public final class DavXml {
    public static final String DAV = "DAV:";

    /** A body that is not well-formed XML, or not the XML the method wants: 400. */
    public static final class BadBodyException extends Exception {
        public BadBodyException(String message) { super(message); }
    }

    private static final DocumentBuilderFactory FACTORY = newFactory();

    private DavXml() {}

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lost a standard feature", e);
        }
        return f;
    }

    /** The document of a body, or null for an empty body. */
    public static Document parse(InputStream body) throws IOException, BadBodyException {
        byte[] bytes = body.readNBytes(1 << 20);
        if (body.read() >= 0) throw new BadBodyException("request body over 1 MiB");
        if (isBlank(bytes)) return null;
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new java.io.ByteArrayInputStream(bytes));
        } catch (SAXException e) {
            throw new BadBodyException("malformed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) if (!Character.isWhitespace(b)) return false;
        return true;
    }

    public static boolean is(Node n, String ns, String localName) {
        return n instanceof Element && ns.equals(n.getNamespaceURI()) && localName.equals(n.getLocalName());
    }

    /** Child elements in document order. */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }

    public static Element child(Element parent, String ns, String localName) {
        for (Element e : children(parent)) if (is(e, ns, localName)) return e;
        return null;
    }

    /** The element as XML text, declaring every namespace it uses, without an XML declaration. */
    public static String serialize(Element element) {
        DOMImplementationLS ls = (DOMImplementationLS) element.getOwnerDocument().getImplementation().getFeature("LS", "3.0");
        LSSerializer serializer = ls.createLSSerializer();
        serializer.getDomConfig().setParameter("xml-declaration", false);
        serializer.getDomConfig().setParameter("namespaces", true);
        return serializer.writeToString(element);
    }
}
