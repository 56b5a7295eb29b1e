package org.ringfs.webdav.browser;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Cross-site request forgery checks for the page's forms. A state-changing POST must come from
 * this server's own origin (its Origin header, or else its Referer, names the scheme, host and port
 * the request was sent to; a request with neither is refused) and carry the form token: an
 * HMAC-SHA256 of the logged-in user under a key drawn at the front's start, so another site can
 * neither read nor compute it, and a user's token is worthless to another user. Restarting the
 * front invalidates open pages (reload them).
 */
public final class CsrfGuard {
    private final byte[] key;

    public CsrfGuard() {
        this(randomKey());
    }

    CsrfGuard(byte[] key) {
        this.key = key.clone();
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** The token the pages of {@code user} (null: anonymous) embed in their forms. */
    public String token(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(("ringfs-form\0" + (user == null ? "\0anonymous" : user)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code submitted} is {@code user}'s token (compared in constant time). */
    public boolean tokenValid(String submitted, String user) {
        if (submitted == null) return false;
        return MessageDigest.isEqual(submitted.getBytes(StandardCharsets.UTF_8), token(user).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the request came from a page of this server: {@code origin} (or, without one,
     * {@code referer}) has the scheme, host and port of {@code expected} ("http://host:port").
     * "null" origins (sandboxed frames, redirects across sites) and requests with neither header are refused.
     */
    public static boolean sameOrigin(String origin, String referer, String expected) {
        String from = origin != null ? origin : referer;
        if (from == null) return false;
        String o = originOf(from);
        return o != null && o.equals(originOf(expected));
    }

    /** scheme://host:port in lower case with the default port spelled out, or null if not an http(s) URL. */
    static String originOf(String url) {
        try {
            URI u = URI.create(url.trim());
            String scheme = u.getScheme();
            String host = u.getHost();
            if (scheme == null || host == null) return null;
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return null;
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
