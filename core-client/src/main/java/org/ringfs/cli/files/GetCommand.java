package org.ringfs.cli.files;

import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.Progress;
import org.ringfs.cli.QuietOption;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.RingFileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ringfs get REMOTE LOCAL}: streams a RingFS file to a local file (or stdout). The local
 * file appears whole or not at all: bytes go to a hidden file beside it, renamed over it at the end
 * (a file it replaces keeps its mode; through a symlink, the link's target is replaced). A device or
 * a pipe (/dev/null, a fifo) is written in place.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Copy a RingFS file to a local file (- for stdout); into LOCAL if it is a directory.")
public final class GetCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Parameters(index = "0", paramLabel = "REMOTE", description = "RingFS path.")
    String remote;

    @Parameters(index = "1", paramLabel = "LOCAL", description = "Local file, or - for stdout.")
    String local;

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() throws IOException {
        String source = RemotePath.absolute(remote);
        try (RingFileSystem fs = client.connect(); InputStream in = fs.openInput(source);
             // The size for the bar's ETA; the open above has just cached the attributes.
             Progress progress = Progress.bytes("get " + source, fs.stat(source).size(), quiet)) {
            if (local.equals("-")) {
                // The raw descriptor, not System.out: a PrintStream hides write errors (a closed pipe).
                OutputStream stdout = new FileOutputStream(FileDescriptor.out);
                StreamCopy.copy(in, stdout, progress);
                stdout.flush();
                return 0;
            }
            Path target = Path.of(local);
            if (Files.isDirectory(target)) target = target.resolve(RemotePath.baseName(source));
            if (Files.exists(target)) target = target.toRealPath(); // through a symlink, as cp writes
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                // A device or a pipe (/dev/null, a fifo): written in place. Renaming a file over it
                // would replace /dev/null itself with a regular file.
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                    StreamCopy.copy(in, out, progress);
                }
                return 0;
            }
            Set<PosixFilePermission> kept = Files.exists(target) ? permissions(target) : null;
            Path partial = newPartial(target);
            try {
                try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.WRITE)) {
                    StreamCopy.copy(in, out, progress);
                }
                if (kept != null) Files.setPosixFilePermissions(partial, kept); // a replaced file keeps its mode
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return 0;
    }

    /**
     * A new hidden file beside {@code target}, made with the process's umask like any new file (a
     * temporary file's 0600 would be what the copy ends up with).
     */
    private static Path newPartial(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            Path partial = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
            try {
                return Files.createFile(partial);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) throw e;
            }
        }
    }

    /** The file's mode, or null where the file system has none (the new file keeps its default). */
    private static Set<PosixFilePermission> permissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return null;
        }
    }
}
