package org.ringfs.webdav.server;

import io.milton.config.HttpManagerBuilder;
import io.milton.http.AuthenticationHandler;
import io.milton.http.AuthenticationService;
import io.milton.http.Filter;
import io.milton.http.Handler;
import io.milton.http.HttpExtension;
import io.milton.http.HttpManager;
import io.milton.http.ProtocolHandlers;
import io.milton.http.Request;
import io.milton.http.http11.DefaultHttp11ResponseHandler;
import io.milton.http.http11.auth.BasicAuthHandler;
import io.milton.http.http11.auth.DigestAuthenticationHandler;
import io.milton.http.http11.auth.ExpiredNonceRemover;
import io.milton.http.http11.auth.Nonce;
import io.milton.http.http11.auth.SimpleMemoryNonceProvider;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.ringfs.api.RingFsException;
import org.ringfs.client.RingFileSystem;
import org.ringfs.client.RingFsClient;
import org.ringfs.metrics.ServerMetrics;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.TlsStores;
import org.ringfs.server.ServerShell;
import org.ringfs.webdav.auth.AccessGate;
import org.ringfs.webdav.auth.LoginRealm;
import org.ringfs.webdav.auth.LoginThrottle;
import org.ringfs.webdav.auth.UserDirectory;
import org.ringfs.webdav.browser.BrowserFilter;
import org.ringfs.webdav.browser.ClusterWatch;
import org.ringfs.webdav.browser.CsrfGuard;
import org.ringfs.webdav.dav.DavContext;
import org.ringfs.webdav.dav.DavDispatcher;
import org.ringfs.webdav.dav.DestinationGuard;
import org.ringfs.webdav.dav.ETags;
import org.ringfs.webdav.dav.GetPreconditions;
import org.ringfs.webdav.dav.RingDavExtension;
import org.ringfs.webdav.dav.RingResourceFactory;
import org.ringfs.webdav.lock.LockGuard;
import org.ringfs.webdav.lock.LockStore;
import org.ringfs.webdav.lock.LockingExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One WebDAV front: Milton CE, with RingFS's own handlers and filters, in the server shell every
 * RingFS server runs in (its connector, request metrics and {@code GET /metrics}; no body limit,
 * and no signature check: people log in with the drive's users). Requests pass
 * the {@link AccessGate}, the {@link BrowserFilter} (which answers browsers' page requests and forms
 * and passes everything else on), the {@link DestinationGuard} and the {@link LockGuard}, then the
 * {@link GetPreconditions} (for GET and HEAD), then the {@link DavDispatcher} runs the method's handler.
 */
public final class WebDavFront implements AutoCloseable {
    private static final int NONCE_SECONDS = 3600;
    /**
     * Request line and headers: room for a path of PATH_MAX bytes percent-encoded three bytes a byte,
     * in the request line and in a Destination header at once (Jetty's default of 8 KiB holds 2,700).
     */
    static final int MAX_REQUEST_HEADER_BYTES = 48 * 1024;

    private final ServerShell shell;
    private final HttpManager manager;
    private final ExpiredNonceRemover nonceRemover;
    private final FrontSettings settings;

    private WebDavFront(ServerShell shell, HttpManager manager, ExpiredNonceRemover nonceRemover, FrontSettings settings) {
        this.shell = shell;
        this.manager = manager;
        this.nonceRemover = nonceRemover;
        this.settings = settings;
    }

    /**
     * Starts serving {@code fs}; the caller keeps ownership of fs and the lock store. Refuses to
     * start a front nobody could enter: no users and no anonymous access.
     */
    public static WebDavFront start(RingFileSystem fs, LockStore locks, FrontSettings settings) throws Exception {
        return start(fs, locks, settings, null);
    }

    /**
     * As {@link #start(RingFileSystem, LockStore, FrontSettings)}, with the cluster secret whose
     * metrics token {@code GET /metrics} demands (null: the metrics are open, as the cluster is).
     */
    public static WebDavFront start(RingFileSystem fs, LockStore locks, FrontSettings settings, ClusterSecret clusterSecret)
            throws Exception {
        ServerMetrics metrics = ServerMetrics.create();
        UserDirectory users = new UserDirectory(settings.usersFile());
        if (users.isEmpty() && !settings.anonymous()) {
            throw new IllegalStateException("no users in " + settings.usersFile()
                    + ": nobody could log in. Add one with 'ringfs user add NAME --users " + settings.usersFile()
                    + "', or serve without login with --anonymous");
        }
        DavContext context = new DavContext(fs, locks);
        RingResourceFactory resources = new RingResourceFactory(context);

        Map<UUID, Nonce> nonces = new ConcurrentHashMap<>();
        ExpiredNonceRemover nonceRemover = new ExpiredNonceRemover(nonces, NONCE_SECONDS);
        List<AuthenticationHandler> handlers = new ArrayList<>();
        handlers.add(new BasicAuthHandler());
        if (settings.digest()) {
            handlers.add(new DigestAuthenticationHandler(new SimpleMemoryNonceProvider(NONCE_SECONDS, nonceRemover, nonces)));
        }
        AuthenticationService authentication = new AuthenticationService(handlers);
        LoginRealm realm = new LoginRealm(users, settings.digest());

        HttpManagerBuilder builder = new HttpManagerBuilder();
        builder.setMainResourceFactory(resources);
        builder.setAuthenticationService(authentication);
        builder.setEnableFormAuth(false);
        builder.setEnableCookieAuth(false);
        builder.setEnabledJson(false);
        builder.setEnableCompression(false);
        builder.setBuffering(DefaultHttp11ResponseHandler.BUFFERING.never);
        builder.seteTagGenerator(new ETags());
        List<Filter> filters = List.of(new AccessGate(authentication, realm, new LoginThrottle(), settings.anonymous(), metrics),
                new BrowserFilter(context, resources, new CsrfGuard(),
                        new ClusterWatch(fs instanceof RingFsClient client ? client.meta() : null)),
                new DestinationGuard(), new LockGuard(context), new GetPreconditions(fs));
        builder.setFilters(new ArrayList<>(filters));
        builder.setDefaultStandardFilter(new DavDispatcher());
        builder.init();
        ArrayList<HttpExtension> protocols = new ArrayList<>(builder.getProtocols());
        protocols.add(new RingDavExtension(context, resources, miltonHandler(protocols, Request.Method.GET)));
        protocols.add(new LockingExtension(context, resources));
        builder.setProtocolHandlers(new ProtocolHandlers(protocols));
        HttpManager manager = builder.buildHttpManager();

        ServletContextHandler servlets = new ServletContextHandler("/");
        servlets.addServlet(new ServletHolder("milton", new MiltonServlet(manager)), "/*");
        TlsStores.StoreFile keystore = !settings.tls() ? null : new TlsStores.StoreFile(settings.keystore(),
                settings.keystorePassword() == null ? null : settings.keystorePassword().toCharArray());
        if (settings.digest()) nonceRemover.start();
        ServerShell shell;
        try {
            shell = ServerShell.builder("webdav").host(settings.listen().getHostString()).port(settings.listen().getPort())
                    .tls(keystore).unlimitedBodies().maxHeaderBytes(MAX_REQUEST_HEADER_BYTES).maxThreads(64)
                    .wire("webdav").metrics(metrics).metricsSecret(clusterSecret)
                    .handler(new DavMethodLabels(servlets)).start();
        } catch (RingFsException e) {
            if (settings.digest()) nonceRemover.stop();
            throw e;
        }
        return new WebDavFront(shell, manager, nonceRemover, settings);
    }

    /** Milton's own handler of {@code method}, which RingFS's handler of it falls back on. */
    private static Handler miltonHandler(List<HttpExtension> protocols, Request.Method method) {
        for (HttpExtension p : protocols) {
            for (Handler h : p.getHandlers()) {
                if (java.util.Arrays.asList(h.getMethods()).contains(method.code)) return h;
            }
        }
        throw new IllegalStateException("Milton has no " + method + " handler");
    }

    public int port() {
        return shell.port();
    }

    /** The registry its {@code GET /metrics} serves. */
    public ServerMetrics metrics() {
        return shell.metrics();
    }

    /** The URL a file manager maps. */
    public String url() {
        String host = shell.host() == null || shell.host().equals("0.0.0.0") ? "127.0.0.1" : shell.host();
        if (host.contains(":")) host = "[" + host + "]";
        return (settings.tls() ? "https" : "http") + "://" + host + ":" + port() + "/";
    }

    @Override
    public void close() throws Exception {
        try {
            shell.close();
        } finally {
            if (settings.digest()) nonceRemover.stop();
            manager.shutdown();
        }
    }
}
