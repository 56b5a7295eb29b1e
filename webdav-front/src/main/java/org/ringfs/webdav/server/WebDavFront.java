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
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.ringfs.client.RingFileSystem;
import org.ringfs.client.RingFsClient;
import org.ringfs.security.TlsStores;
import org.ringfs.server.ServerConnectors;
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
 * One WebDAV front: Milton CE, with RingFS's own handlers and filters, on Jetty 12. Requests pass
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

    private final Server jetty;
    private final HttpManager manager;
    private final ExpiredNonceRemover nonceRemover;
    private final FrontSettings settings;

    private WebDavFront(Server jetty, HttpManager manager, ExpiredNonceRemover nonceRemover, FrontSettings settings) {
        this.jetty = jetty;
        this.manager = manager;
        this.nonceRemover = nonceRemover;
        this.settings = settings;
    }

    /**
     * Starts serving {@code fs}; the caller keeps ownership of fs and the lock store. Refuses to
     * start a front nobody could enter: no users and no anonymous access.
     */
    public static WebDavFront start(RingFileSystem fs, LockStore locks, FrontSettings settings) throws Exception {
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
        List<Filter> filters = List.of(new AccessGate(authentication, realm, new LoginThrottle(), settings.anonymous()),
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

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("webdav");
        Server jetty = new Server(threads);
        jetty.addConnector(connector(jetty, settings));
        ServletContextHandler servlets = new ServletContextHandler("/");
        servlets.addServlet(new ServletHolder("milton", new MiltonServlet(manager)), "/*");
        jetty.setHandler(servlets);
        jetty.setStopAtShutdown(false);
        if (settings.digest()) nonceRemover.start();
        try {
            jetty.start();
        } catch (Exception e) {
            if (settings.digest()) nonceRemover.stop();
            jetty.stop();
            throw e;
        }
        return new WebDavFront(jetty, manager, nonceRemover, settings);
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

    private static ServerConnector connector(Server jetty, FrontSettings settings) {
        HttpConfiguration http = new HttpConfiguration();
        // Only POST bodies are forms: Jetty would otherwise parse a PUT sent as
        // application/x-www-form-urlencoded (curl --data-binary) and store 0 bytes.
        http.setFormEncodedMethods("POST");
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        TlsStores.StoreFile keystore = !settings.tls() ? null : new TlsStores.StoreFile(settings.keystore(),
                settings.keystorePassword() == null ? null : settings.keystorePassword().toCharArray());
        return ServerConnectors.open(jetty, http, settings.listen().getHostString(), settings.listen().getPort(), keystore);
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The URL a file manager maps. */
    public String url() {
        ServerConnector c = (ServerConnector) jetty.getConnectors()[0];
        String host = c.getHost() == null || c.getHost().equals("0.0.0.0") ? "127.0.0.1" : c.getHost();
        if (host.contains(":")) host = "[" + host + "]";
        return (settings.tls() ? "https" : "http") + "://" + host + ":" + port() + "/";
    }

    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            if (settings.digest()) nonceRemover.stop();
            manager.shutdown();
        }
    }
}
