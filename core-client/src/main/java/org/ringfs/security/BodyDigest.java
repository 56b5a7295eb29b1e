package org.ringfs.security;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a request body as the canonical string carries it: lower-case hex. */
public final class BodyDigest {
    private final MessageDigest sha256;

    public BodyDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    public BodyDigest update(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
        return this;
    }

    public BodyDigest update(ByteBuffer bytes) {
        sha256.update(bytes);
        return this;
    }

    /** The hex digest; the digest starts over afterwards. */
    public String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    public static String of(byte[] bytes, int offset, int length) {
        return new BodyDigest().update(bytes, offset, length).hex();
    }

    /** The digest of an empty body (a GET, a DELETE). */
    public static String ofEmpty() {
        return of(new byte[0], 0, 0);
    }
}
