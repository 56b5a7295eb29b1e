package org.ringfs.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Files that hold secrets (the cluster secret, keystore passwords): regular, and owner-only. */
final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {}

    /** SecretFileException unless {@code file} is a regular file its group and others cannot touch. */
    static void check(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new SecretFileException(file + ": no such file");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> open = EnumSet.copyOf(OPEN_TO_OTHERS);
        open.retainAll(perms);
        if (!open.isEmpty()) {
            throw new SecretFileException(file + " may be read or changed by others (mode "
                    + PosixFilePermissions.toString(perms) + "); chmod 600 it");
        }
    }
}
