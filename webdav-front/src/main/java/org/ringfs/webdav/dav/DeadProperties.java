package org.ringfs.webdav.dav;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.RingFileSystem;

import javax.xml.namespace.QName;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dead properties (any property a client sets that RingFS does not compute) stored as extended
 * attributes, so they live in meta with the inode and are seen by every front: the attribute is
 * named {@code user.dav.{namespace}localname} and holds the property element as the client sent
 * it, namespace declarations included, in UTF-8.
 */
final class DeadProperties {
    static final String PREFIX = "user.dav.";

    private DeadProperties() {}

    static String attributeName(QName name) {
        return PREFIX + "{" + name.getNamespaceURI() + "}" + name.getLocalPart();
    }

    /** The property an attribute holds, or null for an attribute that is not a dead property. */
    static QName propertyName(String attribute) {
        if (!attribute.startsWith(PREFIX + "{")) return null;
        int close = attribute.indexOf('}', PREFIX.length());
        if (close < 0 || close == attribute.length() - 1) return null;
        return new QName(attribute.substring(PREFIX.length() + 1, close), attribute.substring(close + 1));
    }

    /** Every dead property of a path, name to element XML, in attribute order. */
    static Map<QName, String> all(RingFileSystem fs, DavPath path) throws RingFsException {
        Map<QName, String> out = new LinkedHashMap<>();
        for (String attribute : fs.listXattrs(path.value())) {
            QName name = propertyName(attribute);
            if (name == null) continue;
            try {
                out.put(name, new String(fs.getXattr(path.value(), attribute), StandardCharsets.UTF_8));
            } catch (RingFsException e) {
                if (e.code() != ErrorCode.NO_ATTRIBUTE) throw e; // removed between list and get
            }
        }
        return out;
    }

    /** The element XML, or null when the property is not set. */
    static String get(RingFileSystem fs, DavPath path, QName name) throws RingFsException {
        try {
            return new String(fs.getXattr(path.value(), attributeName(name)), StandardCharsets.UTF_8);
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NO_ATTRIBUTE) return null;
            throw e;
        }
    }

    static void set(RingFileSystem fs, DavPath path, QName name, String elementXml) throws RingFsException {
        fs.setXattr(path.value(), attributeName(name), elementXml.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** Removing a property that is not set succeeds (RFC 4918 14.23). */
    static void remove(RingFileSystem fs, DavPath path, QName name) throws RingFsException {
        try {
            fs.removeXattr(path.value(), attributeName(name));
        } catch (RingFsException e) {
            if (e.code() != ErrorCode.NO_ATTRIBUTE) throw e;
        }
    }
}
