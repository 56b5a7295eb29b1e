package org.ringfs.webdav.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * How one WebDAV front serves.
 *
 * @param listen      address to listen on; port 0 picks a free one
 * @param usersFile   the users file ({@code ringfs user add}); may not exist yet
 * @param anonymous   admit requests without credentials
 * @param digest      offer Digest besides Basic (Digest needs HA1 in the users file)
 * @param keystore    a PKCS12 or JKS keystore to serve HTTPS with, or null for plain HTTP
 * @param keystorePassword its password, or null
 */
public record FrontSettings(InetSocketAddress listen, Path usersFile, boolean anonymous, boolean digest, Path keystore,
                            String keystorePassword) {

    public boolean tls() { return keystore != null; }
}
