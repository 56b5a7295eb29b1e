package org.ringfs.webdav.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The users of a WebDAV front, one per line: {@code NAME:PBKDF2-HASH:DIGEST-HA1}. No password is
 * kept in clear. The PBKDF2 hash checks Basic logins. Digest cannot use it: a Digest server must
 * know HA1 = MD5(name:realm:password), so that is stored too, as every Digest server stores it.
 * HA1 is only as strong as MD5 and works as a password for this realm: the file is mode 0600,
 * and a deployment that wants no HA1 on disk can use Basic over HTTPS only ({@code --no-digest}).
 */
public final class UsersFile {
    /** The realm every HA1 is computed for; changing it invalidates every stored HA1. */
    public static final String REALM = "RingFS";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /** One user as stored. */
    public record Entry(String name, PasswordHash hash, String digestHa1) {}

    private UsersFile() {}

    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 of A-Z a-z 0-9 . _ @ -, not '" + name + "'");
        }
    }

    public static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> users = new LinkedHashMap<>();
        if (!Files.exists(file)) return users;
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split(":");
            if (parts.length != 3) throw new IOException(file + ":" + lineNo + ": want NAME:HASH:HA1");
            try {
                users.put(parts[0], new Entry(parts[0], PasswordHash.parse(parts[1]), parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return users;
    }

    /** Adds or replaces a user; the file is rewritten aside and moved into place, mode 0600. */
    public static void put(Path file, String name, char[] password) throws IOException {
        checkName(name);
        Map<String, Entry> users = read(file);
        users.put(name, new Entry(name, PasswordHash.of(password), digestHa1(name, password)));
        List<String> lines = new ArrayList<>();
        lines.add("# RingFS WebDAV users: NAME:PBKDF2-HASH:DIGEST-HA1 (see 'ringfs user add --help')");
        for (Entry e : users.values()) lines.add(e.name() + ":" + e.hash().encoded() + ":" + e.digestHa1());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".users", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String digestHa1(String name, char[] password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((name + ":" + REALM + ":").getBytes(StandardCharsets.UTF_8));
            md5.update(StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password)));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lost MD5", e);
        }
    }
}
