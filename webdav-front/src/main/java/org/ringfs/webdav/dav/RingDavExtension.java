package org.ringfs.webdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpExtension;
import io.milton.http.http11.CustomPostHandler;

import java.util.List;
import java.util.Set;

/**
 * The methods RingFS answers itself rather than with Milton CE's handlers: GET and HEAD of files
 * (ranges read only their bytes, suffix ranges right, ETag and Last-Modified on 206), PUT (streamed, no parent
 * auto-creation, no form parsing), MKCOL (415 on a body), PROPFIND and PROPPATCH (dead properties
 * as XML), OPTIONS (class 2). Registered after Milton's protocols, so these win the method table.
 */
public final class RingDavExtension implements HttpExtension {
    private final Set<Handler> handlers;

    /** @param miltonGet Milton's GET handler: RingFS's own answers files, Milton's the rest */
    public RingDavExtension(DavContext context, RingResourceFactory resources, Handler miltonGet) {
        handlers = Set.of(new GetHandler(context, resources, miltonGet),
                new PutHandler(context, resources), new MkcolHandler(context, resources),
                new PropFindHandler(context, resources), new PropPatchHandler(context, resources), new OptionsHandler());
    }

    @Override
    public Set<Handler> getHandlers() {
        return handlers;
    }

    @Override
    public List<CustomPostHandler> getCustomPostHandlers() {
        return List.of();
    }
}
