package org.ringfs.webdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import org.ringfs.api.RingFsException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PROPFIND (RFC 4918 9.1) at depth 0 or 1; depth infinity is refused with 403 and
 * DAV:propfind-finite-depth, as the RFC allows, because one request must not walk a whole tree.
 * Written here rather than with Milton CE's handler because dead property values are XML that must
 * come back as sent, which Milton CE flattens to text.
 */
public final class PropFindHandler implements Handler {
    private final DavContext context;
    private final RingResourceFactory resources;

    public PropFindHandler(DavContext context, RingResourceFactory resources) {
        this.context = context;
        this.resources = resources;
    }

    private enum Mode { ALLPROP, PROPNAME, PROP }

    private record Query(Mode mode, List<QName> names) {}

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.PROPFIND.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return true;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response) {
        int depth = Requests.depth(request, Requests.INFINITY);
        if (depth < 0) {
            Replies.empty(response, 400);
            return;
        }
        Query query;
        try {
            query = query(DavXml.parse(request.getInputStream()));
        } catch (DavXml.BadBodyException e) {
            Replies.empty(response, 400);
            return;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        RingResource target = resources.resolve(Requests.target(request));
        if (target == null) {
            Replies.empty(response, 404);
            return;
        }
        if (depth == Requests.INFINITY) {
            Replies.error(response, 403, "propfind-finite-depth", null);
            return;
        }
        List<RingResource> members = new ArrayList<>();
        members.add(target);
        boolean listing = depth == 1 && target instanceof RingFolder;
        if (listing) members.addAll(((RingFolder) target).getChildren());
        LiveProperties live = new LiveProperties(context, listing ? target.path() : null);
        XmlOut out = new XmlOut().root("multistatus");
        try {
            for (RingResource r : members) describe(r, query, live, out);
        } catch (RingFsException e) {
            throw new StoreFailure(e);
        }
        Replies.xml(response, 207, out.close("multistatus"));
    }

    private static Query query(Document body) throws DavXml.BadBodyException {
        if (body == null) return new Query(Mode.ALLPROP, List.of());
        Element root = body.getDocumentElement();
        if (!DavXml.is(root, DavXml.DAV, "propfind")) throw new DavXml.BadBodyException("not a DAV:propfind");
        for (Element e : DavXml.children(root)) {
            if (DavXml.is(e, DavXml.DAV, "allprop")) return new Query(Mode.ALLPROP, List.of());
            if (DavXml.is(e, DavXml.DAV, "propname")) return new Query(Mode.PROPNAME, List.of());
            if (DavXml.is(e, DavXml.DAV, "prop")) {
                List<QName> names = new ArrayList<>();
                for (Element p : DavXml.children(e)) {
                    names.add(new QName(p.getNamespaceURI() == null ? "" : p.getNamespaceURI(), p.getLocalName()));
                }
                return new Query(Mode.PROP, names);
            }
        }
        throw new DavXml.BadBodyException("DAV:propfind wants allprop, propname or prop");
    }

    private void describe(RingResource r, Query query, LiveProperties live, XmlOut out) throws RingFsException {
        out.open("response").element("href", r.path().href(r.isCollection()));
        XmlOut found = XmlOut.fragment();
        List<QName> missing = new ArrayList<>();
        switch (query.mode()) {
            case ALLPROP -> {
                for (String name : LiveProperties.IN_ALLPROP) live.write(r, name, found);
                for (String xml : DeadProperties.all(context.fs(), r.path()).values()) found.raw(xml);
            }
            case PROPNAME -> {
                for (String name : LiveProperties.NAMES) found.empty(name);
                for (QName name : DeadProperties.all(context.fs(), r.path()).keySet()) {
                    found.emptyQualified(name.getNamespaceURI(), name.getLocalPart());
                }
            }
            case PROP -> {
                Map<QName, String> dead = null;
                for (QName name : query.names()) {
                    if (LiveProperties.isLive(name)) {
                        if (!live.write(r, name.getLocalPart(), found)) missing.add(name);
                        continue;
                    }
                    if (dead == null) dead = DeadProperties.all(context.fs(), r.path());
                    String xml = dead.get(name);
                    if (xml != null) found.raw(xml);
                    else missing.add(name);
                }
            }
        }
        if (!found.isEmpty() || missing.isEmpty()) {
            out.open("propstat").open("prop").raw(found.toString()).close("prop")
                    .element("status", "HTTP/1.1 200 OK").close("propstat");
        }
        if (!missing.isEmpty()) {
            out.open("propstat").open("prop");
            for (QName name : missing) out.emptyQualified(name.getNamespaceURI(), name.getLocalPart());
            out.close("prop").element("status", "HTTP/1.1 404 Not Found").close("propstat");
        }
        out.close("response");
    }
}
