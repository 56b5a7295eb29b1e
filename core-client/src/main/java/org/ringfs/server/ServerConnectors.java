package org.ringfs.server;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.ringfs.security.TlsStores;

/** The one listening connector of a server: plain http, or https over a keystore. */
public final class ServerConnectors {
    private ServerConnectors() {}

    /** @param keystore the key and certificate to serve https with; null for plain http */
    public static ServerConnector open(Server jetty, HttpConfiguration http, String host, int port,
                                       TlsStores.StoreFile keystore) {
        ServerConnector connector = keystore == null ? new ServerConnector(jetty, new HttpConnectionFactory(http))
                : https(jetty, http, keystore);
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static ServerConnector https(Server jetty, HttpConfiguration http, TlsStores.StoreFile keystore) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.path().toAbsolutePath().toString());
        if (keystore.password() != null) ssl.setKeyStorePassword(new String(keystore.password()));
        // Clients check the certificate against the host they dialled; members dial IP addresses,
        // which carry no SNI, so the server does not insist on one.
        http.addCustomizer(new SecureRequestCustomizer(false));
        return new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http));
    }
}
