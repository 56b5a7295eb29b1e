package org.ringfs.cli.files;

import org.ringfs.api.InodeAttributes;
import org.ringfs.cli.ClientOptions;
import org.ringfs.cli.VerboseOption;
import org.ringfs.client.RingFileSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringfs stat PATH}: an inode's attributes, one per line, without following a final symlink. */
@Command(name = "stat", mixinStandardHelpOptions = true, description = "Show the attributes of a RingFS path.")
public final class StatCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH")
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
            out.println("  path: " + p + (a.isSymlink() ? " -> " + fs.readlink(p) : ""));
            out.println("  type: " + a.type().name().toLowerCase(Locale.ROOT));
            out.println(" inode: " + a.id());
            out.println("  size: " + a.size());
            out.printf("  mode: %04o (%s)%n", a.mode(), AttributeFormat.modeString(a));
            out.println(" links: " + a.nlink());
            out.println("   uid: " + a.uid() + "  gid: " + a.gid());
            out.println(" atime: " + AttributeFormat.time(a.atimeNanos()));
            out.println(" mtime: " + AttributeFormat.time(a.mtimeNanos()));
            out.println(" ctime: " + AttributeFormat.time(a.ctimeNanos()));
        }
        out.flush();
        return 0;
    }
}
