package org.ringfs.cli.files;

import org.ringfs.api.RingFsException;
import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.Progress;
import org.ringfs.cli.QuietOption;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.RingFileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ringfs put LOCAL REMOTE}: streams a local file (or stdin) into RingFS. */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Copy a local file (- for stdin) to RingFS; into REMOTE if it is a directory.")
public final class PutCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file, or - for stdin.")
    String local;

    @Parameters(index = "1", paramLabel = "REMOTE", description = "RingFS path.")
    String remote;

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() throws IOException {
        if (local.equals("-")) {
            // stdin belongs to the process: read it, never close it.
            upload(System.in, Progress.UNKNOWN, RemotePath.absolute(remote));
            return 0;
        }
        Path source = Path.of(local);
        if (Files.isDirectory(source)) throw new IOException(local + ": is a directory");
        try (InputStream in = Files.newInputStream(source)) {
            upload(in, Files.size(source), null);
        }
        return 0;
    }

    /** Copies {@code in} to REMOTE, or into it under the local name when it is a directory and {@code target} is null; {@code size} is {@link Progress#UNKNOWN} for stdin. */
    private void upload(InputStream in, long size, String target) throws IOException {
        try (RingFileSystem fs = client.connect()) {
            String path = target != null ? target
                    : RemotePath.intoIfDirectory(fs, RemotePath.absolute(remote), Path.of(local).getFileName().toString());
            CallerIdentity me = CallerIdentity.current();
            // The bar outlives the output stream: its close commits the last blocks.
            try (Progress progress = Progress.bytes("put " + path, size, quiet)) {
                OutputStream out = fs.openOutput(path, false, me.uid(), me.gid()); // refused: nothing was made
                try (out) {
                    StreamCopy.copy(in, out, progress);
                } catch (RingFsException e) {
                    // Blocks are committed in batches as they go: say what a failed copy leaves behind.
                    throw new RingFsException(e.code(), e.getMessage() + "; " + path
                            + " holds only what was committed before the failure", e);
                }
            }
        }
    }
}
