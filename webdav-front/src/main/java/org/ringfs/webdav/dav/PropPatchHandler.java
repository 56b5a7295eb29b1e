package org.ringfs.webdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * PROPPATCH (RFC 4918 9.2): sets and removes dead properties, in document order, all or nothing.
 * Live properties are protected (403, and 424 for the rest). Windows' Win32* and macOS' properties
 * are dead properties like any other: stored, returned, never interpreted.
 */
public final class PropPatchHandler implements Handler {
    private static final Logger log = LoggerFactory.getLogger(PropPatchHandler.class);
    private final DavContext context;
    private final RingResourceFactory resources;

    public PropPatchHandler(DavContext context, RingResourceFactory resources) {
        this.context = context;
        this.resources = resources;
    }

    /** One instruction: set a property to an element, or remove it (element null). */
    private record Change(QName name, String elementXml) {
        boolean isSet() { return elementXml != null; }
    }

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.PROPPATCH.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return true;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response) {
        List<Change> changes;
        try {
            changes = changes(DavXml.parse(request.getInputStream()));
        } catch (DavXml.BadBodyException e) {
            Replies.empty(response, 400);
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RingResource target = resources.resolve(Requests.target(request));
        if (target == null) {
            Replies.empty(response, 404);
            return;
        }
        int[] statuses = new int[changes.size()];
        boolean refused = false;
        for (int i = 0; i < changes.size(); i++) {
            if (LiveProperties.isLive(changes.get(i).name())) {
                statuses[i] = 403;
                refused = true;
            }
        }
        if (refused) {
            for (int i = 0; i < statuses.length; i++) if (statuses[i] == 0) statuses[i] = 424;
        } else {
            apply(target.path(), changes, statuses);
        }
        XmlOut out = new XmlOut().root("multistatus").open("response").element("href", target.path().href(target.isCollection()));
        for (int i = 0; i < changes.size(); i++) {
            QName name = changes.get(i).name();
            out.open("propstat").open("prop").emptyQualified(name.getNamespaceURI(), name.getLocalPart()).close("prop")
                    .element("status", "HTTP/1.1 " + statuses[i] + " " + reason(statuses[i])).close("propstat");
        }
        Replies.xml(response, 207, out.close("response").close("multistatus"));
    }

    private static List<Change> changes(Document body) throws DavXml.BadBodyException {
        if (body == null || !DavXml.is(body.getDocumentElement(), DavXml.DAV, "propertyupdate")) {
            throw new DavXml.BadBodyException("not a DAV:propertyupdate");
        }
        List<Change> changes = new ArrayList<>();
        for (Element op : DavXml.children(body.getDocumentElement())) {
            boolean set = DavXml.is(op, DavXml.DAV, "set");
            if (!set && !DavXml.is(op, DavXml.DAV, "remove")) continue;
            Element prop = DavXml.child(op, DavXml.DAV, "prop");
            if (prop == null) throw new DavXml.BadBodyException("set or remove without DAV:prop");
            for (Element p : DavXml.children(prop)) {
                QName name = new QName(p.getNamespaceURI() == null ? "" : p.getNamespaceURI(), p.getLocalName());
                changes.add(new Change(name, set ? DavXml.serialize(p) : null));
            }
        }
        if (changes.isEmpty()) throw new DavXml.BadBodyException("no property to set or remove");
        return changes;
    }

    /** Applies every change; on the first failure, puts back what was already changed. */
    private void apply(DavPath path, List<Change> changes, int[] statuses) {
        List<String> before = new ArrayList<>();
        int failed = -1;
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            try {
                before.add(DeadProperties.get(context.fs(), path, c.name()));
                if (c.isSet()) DeadProperties.set(context.fs(), path, c.name(), c.elementXml());
                else DeadProperties.remove(context.fs(), path, c.name());
                statuses[i] = 200;
            } catch (RingFsException e) {
                statuses[i] = e.code().httpStatus();
                failed = i;
                break;
            }
        }
        if (failed < 0) return;
        for (int i = 0; i < changes.size(); i++) if (i != failed) statuses[i] = 424;
        for (int i = before.size() - 1; i >= 0; i--) {
            if (i == failed) continue;
            restore(path, changes.get(i).name(), before.get(i));
        }
    }

    private void restore(DavPath path, QName name, String previous) {
        try {
            if (previous == null) DeadProperties.remove(context.fs(), path, name);
            else DeadProperties.set(context.fs(), path, name, previous);
        } catch (RingFsException e) {
            log.warn("PROPPATCH failed and could not put back {} on {}: {}", name, path, e.toString());
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 403 -> "Forbidden";
            case 409 -> "Conflict";
            case 424 -> "Failed Dependency";
            case 507 -> "Insufficient Storage";
            default -> "Error";
        };
    }
}
