package org.ringfs.cli.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What DIR/cluster.properties records so later commands find the cluster: meta's address, the
 * number of data servers, the block size meta was formatted with, the cluster secret's file
 * (null: none named; a relative name is relative to DIR), and the cluster id meta gave (null
 * until meta first answered), so that `up` notices a meta store that is gone.
 */
public record ClusterProperties(String metaAddress, int dataServers, int blockSize, String secretFile,
                                String clusterId) {
    public ClusterProperties(String metaAddress, int dataServers, int blockSize) {
        this(metaAddress, dataServers, blockSize, null, null);
    }

    public ClusterProperties(String metaAddress, int dataServers, int blockSize, String secretFile) {
        this(metaAddress, dataServers, blockSize, secretFile, null);
    }

    private static final String META = "meta.address";
    private static final String DATA_SERVERS = "data.servers";
    private static final String BLOCK_SIZE = "block.size";
    private static final String SECRET_FILE = "secret.file";
    private static final String CLUSTER_ID = "cluster.id";

    public static ClusterProperties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new ClusterProperties(required(p, META, file), Integer.parseInt(required(p, DATA_SERVERS, file)),
                    Integer.parseInt(required(p, BLOCK_SIZE, file)), p.getProperty(SECRET_FILE),
                    blankToNull(p.getProperty(CLUSTER_ID)));
        } catch (NumberFormatException e) {
            throw new LocalClusterException(file + ": " + e.getMessage());
        }
    }

    /** Writes a temporary file and renames it, so a reader never sees half a file. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty(META, metaAddress);
        p.setProperty(DATA_SERVERS, Integer.toString(dataServers));
        p.setProperty(BLOCK_SIZE, Integer.toString(blockSize));
        if (secretFile != null) p.setProperty(SECRET_FILE, secretFile);
        if (clusterId != null) p.setProperty(CLUSTER_ID, clusterId);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "RingFS local cluster, written by `ringfs up`");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String required(Properties p, String key, Path file) throws LocalClusterException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new LocalClusterException(file + ": no " + key);
        return v.trim();
    }
}
