package org.ringfs.webdav.browser;

import io.milton.http.Auth;
import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Request;
import io.milton.http.Response;
import jakarta.servlet.http.HttpServletRequest;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.StatFs;
import org.ringfs.webdav.dav.DavContext;
import org.ringfs.webdav.dav.DavPath;
import org.ringfs.webdav.dav.Replies;
import org.ringfs.webdav.dav.Requests;
import org.ringfs.webdav.dav.RingFolder;
import org.ringfs.webdav.dav.RingResource;
import org.ringfs.webdav.dav.RingResourceFactory;
import org.ringfs.webdav.dav.StoreFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drive in a browser. Runs after the access gate, so a page costs the same login as the drive.
 * It takes only what WebDAV clients never send: a GET of a folder whose Accept names text/html
 * (answered with {@link FolderPage}, or a {@link ConfirmPage} when the query asks to confirm), and a
 * POST of a form to a folder (the page's upload, new folder, rename and delete). Every other
 * request, PROPFIND and a GET without text/html included, goes on to WebDAV unchanged. A POST is
 * done only when {@link CsrfGuard} finds it came from this server's page with the user's token;
 * otherwise 403 and nothing changes. Done actions answer 303 to the folder's page.
 */
public final class BrowserFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(BrowserFilter.class);
    private static final int MAX_FILES = 10_000;

    private final DavContext context;
    private final RingResourceFactory resources;
    private final FolderActions actions;
    private final CsrfGuard csrf;
    private final ClusterWatch watch;

    /** @param watch what the status page shows ({@link StatusPage}) */
    public BrowserFilter(DavContext context, RingResourceFactory resources, CsrfGuard csrf, ClusterWatch watch) {
        this.context = context;
        this.resources = resources;
        this.actions = new FolderActions(context);
        this.csrf = csrf;
        this.watch = watch;
    }

    /**
     * Whether {@code request} asks for the status page: a GET or HEAD of {@value StatusPage#PATH}, whatever its
     * Accept (WebDAV clients send no query). The access gate asks too: the page wants a user even
     * where the drive admits anonymous requests.
     */
    public static boolean isStatusPage(Request request) {
        Request.Method m = request.getMethod();
        return (m == Request.Method.GET || m == Request.Method.HEAD) && StatusPage.QUERY.equals(queryString())
                && Requests.target(request).isRoot();
    }

    @Override
    public void process(FilterChain chain, Request request, Response response) {
        Request.Method method = request.getMethod();
        if (isStatusPage(request)) {
            send(response, 200, StatusPage.render(watch.look()), method == Request.Method.HEAD);
            return;
        }
        boolean page = method == Request.Method.GET && wantsHtml(request);
        boolean form = method == Request.Method.POST && isForm(request.getContentTypeHeader());
        if (!page && !form) {
            chain.process(request, response);
            return;
        }
        DavPath target = Requests.target(request);
        RingResource resource;
        try {
            resource = resources.resolve(target);
        } catch (StoreFailure e) {
            send(response, e.error().code().httpStatus(), MessagePage.render("Not available", "the drive could not answer ("
                    + e.error().code() + ")", DavPath.ROOT));
            return;
        }
        if (!(resource instanceof RingFolder folder)) {
            if (page && resource != null) {
                // A file opened in the browser: its bytes as today, but an HTML or SVG file runs in a
                // sandbox (an opaque origin), so it can never read the drive's pages or their tokens.
                response.setNonStandardHeader("Content-Security-Policy", "sandbox");
                response.setNonStandardHeader("X-Content-Type-Options", "nosniff");
            }
            chain.process(request, response);
            return;
        }
        try {
            if (page) {
                page(request, response, folder);
            } else {
                post(request, response, folder);
            }
        } catch (Refusal r) {
            send(response, r.status(), MessagePage.render(title(r.status()), r.getMessage(), folder.path()));
        } catch (StoreFailure e) {
            Refusal r = FolderActions.refusal(e.error(), folder.path().name());
            send(response, r.status(), MessagePage.render(title(r.status()), r.getMessage(), folder.path()));
        }
    }

    static boolean wantsHtml(Request request) {
        String accept = Requests.header(request, "Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    static boolean isForm(String contentType) {
        if (contentType == null) return false;
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("multipart/form-data") || t.startsWith("application/x-www-form-urlencoded");
    }

    private void page(Request request, Response response, RingFolder folder) {
        Map<String, String> query = FormBody.parse(queryString());
        String token = csrf.token(user(request));
        String confirm = query.get("confirm");
        String name = query.get("name");
        if (confirm != null && name != null) {
            DavPath entry = folder.path().child(name);
            InodeAttributes a = Names.problem(name) == null ? actions.stat(entry) : null;
            if (a == null) throw new Refusal(404, "\u201c" + name + "\u201d is not there any more");
            switch (confirm) {
                case "delete" -> send(response, 200, ConfirmPage.delete(folder.path(), name,
                        a.type() == org.ringfs.api.FileType.DIRECTORY, token));
                case "rename" -> send(response, 200, ConfirmPage.rename(folder.path(), name, token));
                default -> throw new Refusal(400, "unknown confirmation " + confirm);
            }
            return;
        }
        List<FolderPage.Entry> entries = new ArrayList<>();
        for (RingResource r : folder.getChildren()) {
            InodeAttributes a = r.attributes();
            entries.add(new FolderPage.Entry(r.path().name(), r.isCollection(), a.size(), a.mtimeNanos()));
        }
        long free = -1;
        long total = -1;
        try {
            StatFs s = context.fs().statfs();
            free = s.freeBytes();
            total = s.totalBytes();
        } catch (RingFsException e) {
            log.info("statfs for the folder page: {}", e.toString());
        }
        send(response, 200, FolderPage.render(folder.path(), entries, free, total, token));
    }

    private void post(Request request, Response response, RingFolder folder) {
        HttpServletRequest servlet = io.milton.servlet.ServletRequest.getRequest();
        String expected = (servlet != null && servlet.isSecure() ? "https" : "http") + "://" + request.getHostHeader();
        if (!CsrfGuard.sameOrigin(Requests.header(request, "Origin"), Requests.header(request, "Referer"), expected)) {
            throw new Refusal(403, "refused: this form was not sent from this drive's own page");
        }
        String user = user(request);
        String boundary = MultipartStream.boundaryOf(request.getContentTypeHeader());
        try {
            if (boundary != null) {
                upload(request, folder, user, boundary);
            } else {
                Map<String, String> fields = FormBody.read(request.getInputStream());
                if (fields == null) throw new Refusal(413, "the form is too large");
                if (!csrf.tokenValid(fields.get("token"), user)) throw forged();
                String op = fields.getOrDefault("op", "");
                String name = fields.get("name");
                switch (op) {
                    case "mkdir" -> actions.mkdir(folder.path(), folder.attributes(), name);
                    case "rename" -> actions.rename(folder.path(), name, fields.get("to"));
                    case "delete" -> actions.delete(folder.path(), name);
                    default -> throw new Refusal(400, "unknown action");
                }
            }
        } catch (IOException e) {
            log.info("POST {}: {}", folder.path(), e.toString());
            throw new Refusal(400, "the upload was cut off or malformed: " + e.getMessage());
        }
        Replies.status(response, 303);
        response.setLocationHeader(folder.path().href(true));
        response.setContentLengthHeader(0L);
    }

    /** The parts in order: the token first (nothing is stored without it), then "replace", then the files. */
    private void upload(Request request, RingFolder folder, String user, String boundary) throws IOException {
        InputStream body = request.getInputStream();
        MultipartStream parts = new MultipartStream(body, boundary);
        MultipartStream.Part first = parts.next();
        if (first == null || !"token".equals(first.field()) || first.fileName() != null) throw forged();
        byte[] token = first.body().readNBytes(256);
        if (first.body().read() >= 0 || !csrf.tokenValid(new String(token, StandardCharsets.US_ASCII), user)) throw forged();
        boolean replace = false;
        int files = 0;
        for (MultipartStream.Part p = parts.next(); p != null; p = parts.next()) {
            if ("replace".equals(p.field()) && p.fileName() == null) {
                replace = true;
                continue;
            }
            if (!"file".equals(p.field()) || p.fileName() == null) continue; // unknown fields are skipped
            if (p.fileName().isEmpty()) continue; // the browser's empty part when no file was chosen
            if (++files > MAX_FILES) throw new Refusal(413, "at most " + MAX_FILES + " files at once");
            actions.upload(folder.path(), folder.attributes(), Names.baseName(p.fileName()), p.body(), replace);
        }
    }

    private static Refusal forged() {
        return new Refusal(403, "refused: the form's token is missing or stale; reload the page and try again");
    }

    private static String user(Request request) {
        Auth auth = request.getAuthorization();
        return auth == null ? null : auth.getUser();
    }

    private static String queryString() {
        HttpServletRequest servlet = io.milton.servlet.ServletRequest.getRequest();
        String q = servlet == null ? null : servlet.getQueryString();
        return q == null ? "" : q;
    }

    private static String title(int status) {
        return switch (status) {
            case 403 -> "Refused";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 423 -> "Locked";
            case 507 -> "Drive full";
            default -> status >= 500 ? "The drive failed" : "Not done";
        };
    }

    /** A page with the headers every page carries: the strict CSP, no caching, no sniffing, no framing. */
    static void send(Response response, int status, String html) {
        send(response, status, html, false);
    }

    private static void send(Response response, int status, String html, boolean headOnly) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        Replies.status(response, status);
        response.setContentTypeHeader("text/html; charset=utf-8");
        response.setNonStandardHeader("Content-Security-Policy", PageFrame.CSP);
        response.setNonStandardHeader("X-Content-Type-Options", "nosniff");
        response.setNonStandardHeader("X-Frame-Options", "DENY");
        response.setNonStandardHeader("Referrer-Policy", "same-origin");
        response.setNonStandardHeader("Cache-Control", "no-store");
        response.setContentLengthHeader((long) bytes.length);
        if (headOnly) return;
        try {
            OutputStream out = response.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }
}
