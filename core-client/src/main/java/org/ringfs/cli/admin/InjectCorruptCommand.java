package org.ringfs.cli.admin;

import org.ringfs.api.BlockInfo;
import org.ringfs.api.BlockKey;
import org.ringfs.api.ClusterMap;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileBlocks;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;
import org.ringfs.api.ServerInfo;
import org.ringfs.cli.ClusterOptions;
import org.ringfs.cli.VerboseOption;
import org.ringfs.placement.Placement;
import org.ringfs.security.RequestSigner;
import org.ringfs.transport.BlockClient;
import org.ringfs.transport.MetaClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ringfs inject corrupt REMOTE --block I --copy C}: flips one byte of one stored copy of a
 * block, leaving its checksums alone, so a test can watch a read find and repair it.
 */
@Command(name = "corrupt", mixinStandardHelpOptions = true,
        description = "Flip a byte of one stored copy of a file's block (the data server must allow fault injection).")
public final class InjectCorruptCommand implements Callable<Integer> {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    @Parameters(paramLabel = "REMOTE", description = "A regular file in RingFS.")
    String remote;

    @Option(names = "--block", paramLabel = "I", required = true, description = "Block index in the file.")
    long block;

    @Option(names = "--copy", paramLabel = "0|1|2", required = true, description = "0 the primary, 1 and 2 the replicas.")
    int copy;

    @Option(names = "--offset", paramLabel = "O", defaultValue = "0", description = "Byte of the block to flip (default: 0).")
    int offset;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (copy < 0 || copy >= Placement.COPIES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--copy must be 0, 1 or 2");
        }
        if (block < 0 || offset < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--block and --offset cannot be negative");
        }
        RequestSigner signer = cluster.signer();
        SSLContext tls = cluster.tls();
        MetaClient meta = MetaClient.connect(cluster.metaAddress(), CALL_TIMEOUT, signer, tls);
        String path = remote.startsWith("/") ? remote : "/" + remote;
        InodeAttributes file = meta.stat(path);
        if (!file.isFile()) throw new RingFsException(ErrorCode.INVALID, path + " is not a regular file");
        BlockInfo info = blockOf(meta, file.id(), path);
        if (offset >= info.length()) {
            throw new RingFsException(ErrorCode.INVALID, "block " + block + " of " + path + " has "
                    + info.length() + " bytes; --offset " + offset + " is past its end");
        }
        ClusterMap map = meta.clusterMap();
        String server = new Placement(map.placementNames()).targets(file.id(), block).get(copy);
        ServerInfo target = map.server(server);
        BlockKey key = info.key(file.id());
        try {
            new BlockClient(BlockClient.connections(CALL_TIMEOUT, tls), target.address(), CALL_TIMEOUT, signer, tls != null)
                    .corrupt(key, offset);
        } catch (RingFsException e) {
            if (e.code() != ErrorCode.FAULT_INJECTION_DISABLED) throw e;
            throw new RingFsException(e.code(), "data server " + server + " refuses fault injection; start the"
                    + " cluster with `ringfs up --allow-fault-injection` (or the data server with --allow-fault-injection)");
        }
        spec.commandLine().getOut().println("corrupted copy " + copy + " of block " + block + " of " + path
                + " on " + server + " (block " + key + ", byte " + offset + ")");
        return 0;
    }

    private BlockInfo blockOf(MetaClient meta, long inode, String path) throws RingFsException {
        FileBlocks page = meta.blocks(inode, block, 1);
        for (BlockInfo b : page.blocks()) {
            if (b.index() == block) return b;
        }
        throw new RingFsException(ErrorCode.NOT_FOUND, "block " + block + " of " + path
                + " holds no data (a hole, or past the end of its " + page.size() + " bytes)");
    }
}
