package org.ringfs.cli.files;

import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.RingFileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code ringfs ln -s TARGET LINKPATH}: a symbolic link (TARGET is stored as given, as ln -s does);
 * without -s a hard link to the existing file TARGET.
 */
@Command(name = "ln", mixinStandardHelpOptions = true, description = "Make a symbolic (-s) or hard link in RingFS.")
public final class LnCommand implements Callable<Integer> {

    @Option(names = "-s", description = "Symbolic link; TARGET is stored as given.")
    boolean symbolic;

    @Parameters(index = "0", paramLabel = "TARGET")
    String target;

    @Parameters(index = "1", paramLabel = "LINKPATH")
    String linkPath;

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        String link = RemotePath.absolute(linkPath);
        try (RingFileSystem fs = client.connect()) {
            if (symbolic) {
                CallerIdentity me = CallerIdentity.current();
                fs.symlink(link, target, me.uid(), me.gid());
            } else {
                fs.link(RemotePath.absolute(target), link);
            }
        }
        return 0;
    }
}
