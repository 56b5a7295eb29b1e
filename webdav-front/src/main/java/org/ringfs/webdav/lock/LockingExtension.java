package org.ringfs.webdav.lock;

import io.milton.http.Handler;
import io.milton.http.HttpExtension;
import io.milton.http.http11.CustomPostHandler;
import org.ringfs.webdav.dav.DavContext;
import org.ringfs.webdav.dav.RingResourceFactory;

import java.util.List;
import java.util.Set;

/**
 * WebDAV class 2 on Milton CE, whose LOCK and UNLOCK handlers exist only in the AGPL enterprise
 * edition: RingFS's own handlers over a {@link LockStore}. Enforcement is {@link LockGuard}'s.
 */
public final class LockingExtension implements HttpExtension {
    private final Set<Handler> handlers;

    public LockingExtension(DavContext context, RingResourceFactory resources) {
        handlers = Set.of(new LockHandler(context, resources), new UnlockHandler(context));
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
