package org.ringfs.webdav.dav;

/** A small writer for the XML RingFS answers with; "D:" is the DAV: namespace, declared on the root. */
public final class XmlOut {
    private final StringBuilder out;

    /** A document: starts with the XML declaration. */
    public XmlOut() {
        out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    }

    private XmlOut(StringBuilder out) {
        this.out = out;
    }

    /** A piece to embed in a document whose root declares "D:". */
    public static XmlOut fragment() {
        return new XmlOut(new StringBuilder());
    }

    public boolean isEmpty() {
        return out.length() == 0;
    }

    /** Opens the root element {@code D:name} with the DAV: namespace declared. */
    public XmlOut root(String name) {
        out.append("<D:").append(name).append(" xmlns:D=\"DAV:\">");
        return this;
    }

    public XmlOut open(String name) {
        out.append("<D:").append(name).append('>');
        return this;
    }

    public XmlOut close(String name) {
        out.append("</D:").append(name).append('>');
        return this;
    }

    public XmlOut empty(String name) {
        out.append("<D:").append(name).append("/>");
        return this;
    }

    public XmlOut element(String name, String text) {
        return open(name).text(text).close(name);
    }

    public XmlOut text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return this;
    }

    /** Already well-formed XML, such as a stored dead property or lock owner. */
    public XmlOut raw(String xml) {
        out.append(xml);
        return this;
    }

    /** An empty element of any namespace, for property names in a propstat. */
    public XmlOut emptyQualified(String ns, String localName) {
        if (DavXml.DAV.equals(ns)) return empty(localName);
        if (ns == null || ns.isEmpty()) {
            out.append('<').append(localName).append(" xmlns=\"\"/>");
        } else {
            out.append("<R:").append(localName).append(" xmlns:R=\"");
            text(ns);
            out.append("\"/>");
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
