package org.ringfs.cli.files;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.RingFileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ringfs rm [-r] PATH...}: removes names; their blocks are freed on the data servers. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove files (and with -r, directories) from RingFS.")
public final class RmCommand implements Callable<Integer> {

    @Option(names = {"-r", "-R", "--recursive"}, description = "Remove directories and everything below them.")
    boolean recursive;

    @Parameters(paramLabel = "PATH", arity = "1..*")
    List<String> paths;

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        try (RingFileSystem fs = client.connect()) {
            for (String path : paths) {
                String p = RemotePath.absolute(path);
                if (recursive) {
                    fs.removeTree(p);
                    continue;
                }
                InodeAttributes a = fs.stat(p);
                if (a.isDirectory()) throw new RingFsException(ErrorCode.IS_DIRECTORY, p + ": is a directory (use rm -r)");
                fs.unlink(p);
            }
        }
        return 0;
    }
}
