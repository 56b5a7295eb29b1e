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

/** {@code ringfs mkdir [-p] PATH...}. */
@Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Create directories in RingFS.")
public final class MkdirCommand implements Callable<Integer> {
    private static final int MODE = 0755;

    @Option(names = "-p", description = "Create missing parents; an existing directory is no error.")
    boolean parents;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Directories to create.")
    List<String> paths;

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        CallerIdentity me = CallerIdentity.current();
        try (RingFileSystem fs = client.connect()) {
            for (String path : paths) {
                String p = RemotePath.absolute(path);
                if (parents) mkdirs(fs, p, me);
                else fs.mkdir(p, MODE, me.uid(), me.gid());
            }
        }
        return 0;
    }

    private static void mkdirs(RingFileSystem fs, String path, CallerIdentity me) throws RingFsException {
        StringBuilder prefix = new StringBuilder();
        for (String name : path.split("/")) {
            if (name.isEmpty()) continue;
            prefix.append('/').append(name);
            String p = prefix.toString();
            try {
                fs.mkdir(p, MODE, me.uid(), me.gid());
            } catch (RingFsException e) {
                // Someone (maybe this run's earlier step) made it: fine if it is a directory.
                InodeAttributes a = e.code() == ErrorCode.EXISTS ? RemotePath.statOrNull(fs, p) : null;
                if (a == null || !a.isDirectory()) throw e;
            }
        }
    }
}
