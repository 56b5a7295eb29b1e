package org.ringfs.webdav.auth;

import io.milton.http.http11.auth.DigestGenerator;
import io.milton.http.http11.auth.DigestResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users a front admits, read from a {@link UsersFile} and re-read when it changes, so
 * {@code ringfs user add} takes effect without a restart. A Basic login that succeeded is
 * remembered for a few minutes under a SHA-256 of name and password, so the slow PBKDF2 runs
 * once per client, not once per request.
 */
public final class UserDirectory {
    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);
    private static final long REMEMBER_MILLIS = 5 * 60_000;
    private static final long RECHECK_FILE_MILLIS = 2_000;

    private final Path file;
    private volatile Map<String, UsersFile.Entry> users;
    private volatile FileTime loadedVersion;
    private volatile long checkedAt;
    private final Map<String, Long> recentLogins = new ConcurrentHashMap<>();

    public UserDirectory(Path file) throws IOException {
        this.file = file;
        this.users = UsersFile.read(file);
        this.loadedVersion = version();
        this.checkedAt = System.currentTimeMillis();
    }

    public boolean isEmpty() {
        return current().isEmpty();
    }

    /** True when the name and password are a user's. */
    public boolean checkPassword(String name, String password) {
        UsersFile.Entry e = current().get(name);
        if (e == null || password == null) return false;
        String key = rememberKey(e, password);
        Long at = recentLogins.get(key);
        long now = System.currentTimeMillis();
        if (at != null && now - at < REMEMBER_MILLIS) return true;
        if (!e.hash().matches(password.toCharArray())) return false;
        if (recentLogins.size() > 10_000) recentLogins.clear();
        recentLogins.put(key, now);
        return true;
    }

    /** True when a Digest response was made with the user's password (RFC 7616, via the stored HA1). */
    public boolean checkDigest(DigestResponse response) {
        UsersFile.Entry e = current().get(response.getUser());
        if (e == null || response.getResponseDigest() == null) return false;
        if (!UsersFile.REALM.equals(response.getRealm())) return false;
        String expected = new DigestGenerator().generateDigestWithEncryptedPassword(response, e.digestHa1());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.getResponseDigest().getBytes(StandardCharsets.US_ASCII));
    }

    private Map<String, UsersFile.Entry> current() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < RECHECK_FILE_MILLIS) return users;
        checkedAt = now;
        try {
            FileTime v = version();
            if (v != null && !v.equals(loadedVersion)) {
                users = UsersFile.read(file);
                loadedVersion = v;
                recentLogins.clear();
                log.info("re-read {}: {} users", file, users.size());
            }
        } catch (IOException e) {
            log.warn("keeping the users I had: cannot re-read {}: {}", file, e.getMessage());
        }
        return users;
    }

    private FileTime version() throws IOException {
        try {
            return Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Keyed by the stored hash too, so a changed password forgets the old login at once. */
    private static String rememberKey(UsersFile.Entry e, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(e.hash().salt());
            sha.update((e.name() + "\0" + password).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JDK lost SHA-256", ex);
        }
    }
}
