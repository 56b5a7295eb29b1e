package org.ringfs.cli.files;

import org.ringfs.api.DirectoryEntry;
import org.ringfs.api.InodeAttributes;
import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.RingFileSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ringfs ls [-l] [PATH]}: the names in a directory (one listing call), or a file's own name. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List a directory of RingFS.")
public final class LsCommand implements Callable<Integer> {

    @Option(names = "-l", description = "Long format: type and mode, links, owner, size, modification time.")
    boolean longFormat;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "Directory or file (default: /).")
    String path;

    @Mixin
    ClientOptions client;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String p = RemotePath.absolute(path);
        PrintWriter out = spec.commandLine().getOut();
        try (RingFileSystem fs = client.connect()) {
            InodeAttributes a = fs.stat(p);
            List<DirectoryEntry> entries = a.isDirectory() ? fs.list(p) : List.of(new DirectoryEntry(p, a));
            for (DirectoryEntry e : entries) {
                if (!longFormat) {
                    out.println(e.name());
                    continue;
                }
                String full = a.isDirectory() ? RemotePath.child(p, e.name()) : p;
                String link = e.attributes().isSymlink() ? " -> " + fs.readlink(full) : "";
                out.println(AttributeFormat.longLine(e.attributes(), e.name()) + link);
            }
        }
        out.flush();
        return 0;
    }
}
