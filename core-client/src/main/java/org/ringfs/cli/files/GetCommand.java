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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code ringfs get REMOTE LOCAL}: streams a RingFS file to a local file (or stdout). The local
 * file appears whole or not at all: bytes go to a temporary file renamed at the end.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Copy a RingFS file to a local file (- for stdout); into LOCAL if it is a directory.")
public final class GetCommand implements Callable<Integer> {

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
            Path dir = target.toAbsolutePath().getParent();
            Path partial = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    StreamCopy.copy(in, out, progress);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return 0;
    }
}
