package org.ringfs.cli.files;

import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.RingFileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code ringfs mv FROM TO}: one atomic rename; into TO when TO is a directory, as mv(1) does. */
@Command(name = "mv", mixinStandardHelpOptions = true,
        description = "Rename or move a file or directory in RingFS (atomic; moves no bytes).")
public final class MvCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FROM")
    String from;

    @Parameters(index = "1", paramLabel = "TO")
    String to;

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        String source = RemotePath.absolute(from);
        try (RingFileSystem fs = client.connect()) {
            fs.rename(source, RemotePath.intoIfDirectory(fs, RemotePath.absolute(to), RemotePath.baseName(source)));
        }
        return 0;
    }
}
