package org.ringfs.security;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * The files TLS needs: a server's keystore (PKCS12 or JKS, found by its content) with its password
 * in a file of its own, and a client's truststore, from which {@link #clientContext} makes the
 * SSLContext that trusts the cluster's certificate. Password files, like the cluster secret, must
 * be readable by their owner only.
 */
public final class TlsStores {
    private TlsStores() {}

    /** A keystore or truststore and its password (null: none). */
    public record StoreFile(Path path, char[] password) {
        @Override
        public String toString() {
            return "StoreFile(" + path + ")"; // never the password
        }
    }

    /** The store at {@code path}, its password read from {@code passwordFile} (null: no password). */
    public static StoreFile storeFile(Path path, Path passwordFile) throws IOException {
        if (!Files.isRegularFile(path)) throw new SecretFileException(path + ": no such keystore");
        if (passwordFile == null) return new StoreFile(path, null);
        OwnerOnlyFiles.check(passwordFile);
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        return new StoreFile(path, password.toCharArray());
    }

    /** An SSLContext that trusts the certificates of {@code truststore} (and checks host names). */
    public static SSLContext clientContext(StoreFile truststore) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(truststore.path().toFile(), truststore.password());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SecretFileException(truststore.path() + " is not a truststore this JDK can read: " + e.getMessage());
        }
    }
}
