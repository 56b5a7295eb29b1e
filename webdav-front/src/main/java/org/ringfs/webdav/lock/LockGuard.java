package org.ringfs.webdav.lock;

import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Request;
import io.milton.http.Response;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.webdav.dav.DavContext;
import org.ringfs.webdav.dav.DavPath;
import org.ringfs.webdav.dav.ETags;
import org.ringfs.webdav.dav.Replies;
import org.ringfs.webdav.dav.Requests;
import org.ringfs.webdav.dav.StoreFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every handler: evaluates the If header (false: 412, RFC 4918 10.4) and refuses a
 * write that touches a locked resource unless the request submits that lock's token (423, RFC
 * 4918 7.1). Tokens count, not users: the same user without the token is refused too.
 */
public final class LockGuard implements Filter {
    private final DavContext context;

    public LockGuard(DavContext context) {
        this.context = context;
    }

    /**
     * A path a write changes; {@code members}: and everything below it; {@code ifCreated}: only
     * when the request's target does not exist yet (a PUT or MKCOL adds a member to its parent).
     */
    private record Touched(DavPath path, boolean members, boolean ifCreated) {
        Touched(DavPath path, boolean members) {
            this(path, members, false);
        }
    }

    @Override
    public void process(FilterChain chain, Request request, Response response) {
        boolean admitted;
        try {
            admitted = admits(request, response);
        } catch (RingFsException e) {
            Replies.empty(response, e.code().httpStatus());
            return;
        } catch (StoreFailure e) {
            // meta could not answer about locks: refuse rather than write past a lock unseen
            Replies.empty(response, e.error().code().httpStatus());
            return;
        }
        if (admitted) chain.process(request, response);
    }

    private boolean admits(Request request, Response response) throws RingFsException {
        DavPath target = Requests.target(request);
        String ifValue = Requests.header(request, "If");
        Set<String> submitted = Set.of();
        if (ifValue != null) {
            IfHeader ifHeader;
            try {
                ifHeader = IfHeader.parse(ifValue);
            } catch (IfHeader.MalformedException e) {
                Replies.empty(response, 400);
                return false;
            }
            boolean holds;
            try {
                holds = holds(ifHeader, target);
            } catch (IllegalArgumentException e) {
                // a resource tag that is not a URI
                Replies.empty(response, 400);
                return false;
            }
            if (!holds) {
                Replies.empty(response, 412);
                return false;
            }
            submitted = ifHeader.submittedTokens();
        }
        List<Touched> touched = touched(request, target);
        List<ActiveLock> around = aroundFolder(target, touched);
        for (Touched t : touched) {
            ActiveLock blocking = firstUnsubmitted(t, locksOn(t, around), submitted);
            // Whether the target exists is asked only when it matters: a stat fewer for most PUTs.
            if (blocking != null && t.ifCreated() && exists(target)) continue;
            if (blocking != null) {
                Replies.error(response, 423, "lock-token-submitted", blocking.root().href(false));
                return false;
            }
        }
        return true;
    }

    private List<Touched> touched(Request request, DavPath target) throws RingFsException {
        List<Touched> out = new ArrayList<>();
        switch (request.getMethod()) {
            case PUT, MKCOL -> {
                out.add(new Touched(target, false));
                out.add(new Touched(target.parent(), false, true));
            }
            case PROPPATCH -> out.add(new Touched(target, false));
            case DELETE -> {
                out.add(new Touched(target, true));
                out.add(new Touched(target.parent(), false));
            }
            case MOVE, COPY -> {
                if (request.getMethod() == Request.Method.MOVE) {
                    out.add(new Touched(target, true));
                    out.add(new Touched(target.parent(), false));
                }
                String destination = request.getDestinationHeader();
                if (destination != null) {
                    DavPath to = DavPath.ofUri(destination);
                    out.add(new Touched(to, true));
                    out.add(new Touched(to.parent(), false));
                }
            }
            default -> {
                // reads, LOCK (the store refuses conflicts itself), UNLOCK, OPTIONS
            }
        }
        return out;
    }

    /**
     * When every touched path lies in the target's folder (a DELETE, PUT, MKCOL, or a MOVE within one
     * folder: the target and the folder itself), the locks covering that folder or below it, asked of
     * meta once for all of them (a DELETE asked twice); null otherwise.
     */
    private List<ActiveLock> aroundFolder(DavPath target, List<Touched> touched) {
        if (touched.size() < 2) return null;
        DavPath folder = target.parent();
        for (Touched t : touched) {
            if (!t.path().isWithin(folder)) return null;
        }
        return context.locks().coveringOrBelow(folder);
    }

    /** The locks on {@code t}: from {@code around} (null: asked of meta now). */
    private List<ActiveLock> locksOn(Touched t, List<ActiveLock> around) {
        if (around == null) return t.members() ? context.locks().coveringOrBelow(t.path()) : context.locks().covering(t.path());
        List<ActiveLock> on = new ArrayList<>();
        for (ActiveLock l : around) {
            if (l.covers(t.path()) || (t.members() && l.root().isWithin(t.path()))) on.add(l);
        }
        return on;
    }

    /** A lock on the touched resources whose token is missing; shared locks on one root share a pass. */
    private ActiveLock firstUnsubmitted(Touched t, List<ActiveLock> locks, Set<String> submitted) {
        for (ActiveLock l : locks) {
            if (submitted.contains(l.token())) continue;
            boolean sharedPass = !l.exclusive() && locks.stream()
                    .anyMatch(m -> !m.exclusive() && m.root().equals(l.root()) && submitted.contains(m.token()));
            if (!sharedPass) return l;
        }
        return null;
    }

    /** True when at least one list holds: all its conditions true for the resource it is about. */
    private boolean holds(IfHeader header, DavPath target) throws RingFsException {
        for (IfHeader.ConditionList list : header.lists()) {
            DavPath resource = list.resourceTag() == null ? target : DavPath.ofUri(list.resourceTag());
            boolean all = true;
            for (IfHeader.Condition c : list.conditions()) {
                boolean value = c.stateToken() != null ? tokenCovers(c.stateToken(), resource) : etagIs(c.etag(), resource);
                if (value == c.not()) {
                    all = false;
                    break;
                }
            }
            if (all) return true;
        }
        return false;
    }

    private boolean tokenCovers(String token, DavPath resource) {
        Optional<ActiveLock> l = context.locks().byToken(token);
        return l.isPresent() && l.get().covers(resource);
    }

    private boolean etagIs(String etag, DavPath resource) throws RingFsException {
        try {
            return ETags.of(context.fs().stat(resource.value())).equals(etag);
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.NOT_DIRECTORY) return false;
            throw e;
        }
    }

    private boolean exists(DavPath path) throws RingFsException {
        try {
            context.fs().stat(path.value());
            return true;
        } catch (RingFsException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.NOT_DIRECTORY) return false;
            throw e;
        }
    }
}
