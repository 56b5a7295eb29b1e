package org.ringfs.fuse.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A directory to mount on, as the kernel's mount table sees it: whether a file system is mounted
 * there, whether it answers, and cleaning up a FUSE mount whose process died ("Transport endpoint
 * is not connected" until someone runs {@code fusermount -u}).
 */
public final class MountPoint {
    private static final Path MOUNT_TABLE = Path.of("/proc/self/mountinfo");
    public static final String FS_TYPE = "fuse.ringfs";

    private final Path dir;

    public MountPoint(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() { return dir; }

    /** The type of the file system mounted at this directory (the topmost one), if any. */
    public Optional<String> mountedType() throws IOException {
        String type = null;
        for (String line : Files.readAllLines(MOUNT_TABLE, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            int separator = List.of(f).indexOf("-");
            if (f.length > 4 && separator > 4 && separator + 1 < f.length && unescape(f[4]).equals(dir.toString())) {
                type = f[separator + 1];
            }
        }
        return Optional.ofNullable(type);
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes (\040...). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the directory can be stat'ed: a FUSE mount whose process died cannot. */
    public boolean answers() {
        try {
            Files.readAttributes(dir, "unix:ino");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a live RingFS mount is here: mounted, of our type, answering. */
    public boolean hasLiveRingFs() throws IOException {
        return mountedType().filter(FS_TYPE::equals).isPresent() && answers();
    }

    /**
     * Makes the directory ready to mount on: cleans a stale FUSE mount, refuses a live one, creates
     * the directory if it is missing.
     */
    public void prepare() throws IOException {
        Optional<String> mounted = mountedType();
        if (mounted.isPresent()) {
            if (answers()) {
                throw new IOException(dir + " is already mounted (" + mounted.get() + "); unmount it first with"
                        + " `fusermount -u " + dir + "`");
            }
            // A FUSE process died without unmounting: the kernel still holds the mount, answering ENOTCONN.
            unmount(true);
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new IOException("cannot use " + dir + " as a mount point: " + e.getReason(), e);
        }
    }

    /** {@code fusermount -u [-z] DIR}; lazy detaches it even while files are open. */
    public void unmount(boolean lazy) throws IOException {
        List<String> cmd = lazy ? List.of("fusermount", "-u", "-z", dir.toString())
                : List.of("fusermount", "-u", dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            int code = p.waitFor();
            if (code != 0) throw new IOException(String.join(" ", cmd) + " failed (" + code + "): " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", cmd), e);
        }
    }
}
