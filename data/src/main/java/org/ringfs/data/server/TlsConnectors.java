package org.ringfs.data.server;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.ringfs.security.TlsStores;

/** An https connector over a keystore, for a data server's block port. */
final class TlsConnectors {
    private TlsConnectors() {}

    static ServerConnector https(Server jetty, HttpConfiguration http, TlsStores.StoreFile keystore) {
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
