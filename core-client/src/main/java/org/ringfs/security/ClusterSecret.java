package org.ringfs.security;

import org.ringfs.api.RequestSignature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key every member of one cluster shares: {@link RequestSignature#SECRET_BYTES} random bytes,
 * kept base64-encoded on one line of a file only its owner may read (mode 0600). A file that its
 * group or others may read is refused: a secret others have read is no secret.
 */
public final class ClusterSecret {
    private final byte[] key;
    private final String origin;

    private ClusterSecret(byte[] key, String origin) {
        if (key.length != RequestSignature.SECRET_BYTES) {
            throw new IllegalArgumentException(origin + ": a cluster secret is " + RequestSignature.SECRET_BYTES
                    + " bytes, not " + key.length);
        }
        this.key = key.clone();
        this.origin = origin;
    }

    /** A secret from raw bytes (tests and tools that hold one in memory). */
    public static ClusterSecret of(byte[] key) {
        return new ClusterSecret(key, "a secret in memory");
    }

    /** A fresh random secret, not stored anywhere. */
    public static ClusterSecret random() {
        byte[] key = new byte[RequestSignature.SECRET_BYTES];
        new SecureRandom().nextBytes(key);
        return of(key);
    }

    /** Reads a secret file; refuses one that is not a regular file of mode 0600 (or stricter). */
    public static ClusterSecret load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new SecretFileException(file + ": no such secret file");
        OwnerOnlyFiles.check(file);
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return new ClusterSecret(Base64.getDecoder().decode(text), file.toString());
        } catch (IllegalArgumentException e) {
            throw new SecretFileException(file + " does not hold a base64 cluster secret of "
                    + RequestSignature.SECRET_BYTES + " bytes");
        }
    }

    /**
     * The secret in {@code file}, first writing a fresh one there (mode 0600, written aside and
     * moved into place) when there is none.
     */
    public static ClusterSecret loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            ClusterSecret fresh = random();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh.key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.delete(tmp); // another process made one first: use theirs
            }
        }
        return load(file);
    }

    /** A fresh HMAC over this secret; Mac objects are not thread-safe, so each use takes its own. */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance(RequestSignature.MAC_ALGORITHM);
            mac.init(new SecretKeySpec(key, RequestSignature.MAC_ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + RequestSignature.MAC_ALGORITHM, e);
        }
    }

    /** Where the secret came from, never the secret. */
    @Override
    public String toString() {
        return "ClusterSecret(" + origin + ")";
    }

    /** Constant time, so a comparison leaks nothing of the key. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterSecret other && java.security.MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
