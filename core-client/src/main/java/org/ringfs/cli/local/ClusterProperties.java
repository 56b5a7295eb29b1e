package org.ringfs.cli.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What DIR/cluster.properties records so later commands find the cluster: meta's address, the
 * number of data servers, the block size meta was formatted with, the cluster secret's file
 * (null: none named; a relative name is relative to DIR), and the cluster id meta gave (null
 * until meta first answered), so that `up` notices a meta store that is gone.
 *
 * <p>A cluster whose meta is a group of members ({@code ringfs up}'s default) also records every
 * member ({@code metaGroup}, in member order): {@code meta.address} is then the comma-separated list
 * of their call addresses (what every client takes as {@code --meta}), {@code meta.members} their
 * names and {@code meta.replication} their replication addresses, in the same order. An empty
 * {@code metaGroup} is a single meta in DIR/meta, as before groups.
 *
 * <p>{@code base.port} is the base port the last `up` ran the cluster on (0: free ports), so a
 * later `up` without {@code --base-port} brings meta, data-K and the WebDAV front back on the same
 * ports. Null: a file written before it was recorded (such a DIR starts on the default).
 */
public record ClusterProperties(String metaAddress, int dataServers, int blockSize, String secretFile,
                                String clusterId, List<LocalMetaMember> metaGroup, Integer basePort) {
    public ClusterProperties {
        metaGroup = List.copyOf(metaGroup);
        if (!metaGroup.isEmpty()) metaAddress = LocalMetaGroup.callAddresses(metaGroup);
        if (basePort != null && !isPort(basePort)) {
            throw new IllegalArgumentException("base port " + basePort + " is not in [0, 65535]");
        }
    }

    public ClusterProperties(String metaAddress, int dataServers, int blockSize) {
        this(metaAddress, dataServers, blockSize, null, null);
    }

    public ClusterProperties(String metaAddress, int dataServers, int blockSize, String secretFile) {
        this(metaAddress, dataServers, blockSize, secretFile, null);
    }

    public ClusterProperties(String metaAddress, int dataServers, int blockSize, String secretFile, String clusterId) {
        this(metaAddress, dataServers, blockSize, secretFile, clusterId, List.of());
    }

    public ClusterProperties(String metaAddress, int dataServers, int blockSize, String secretFile, String clusterId,
                             List<LocalMetaMember> metaGroup) {
        this(metaAddress, dataServers, blockSize, secretFile, clusterId, metaGroup, null);
    }

    /** A port a server can be told to listen on; 0 is any free one. */
    public static boolean isPort(int port) {
        return port >= 0 && port <= 65535;
    }

    /** Meta is a group of members (DIR/meta-K), not one meta in DIR/meta. */
    public boolean metaIsGroup() {
        return !metaGroup.isEmpty();
    }

    public ClusterProperties withClusterId(String id) {
        return new ClusterProperties(metaAddress, dataServers, blockSize, secretFile, id, metaGroup, basePort);
    }

    public ClusterProperties withBlockSize(int bytes) {
        return new ClusterProperties(metaAddress, dataServers, bytes, secretFile, clusterId, metaGroup, basePort);
    }

    public ClusterProperties withMetaGroup(List<LocalMetaMember> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("a meta group has at least one member");
        return new ClusterProperties(metaAddress, dataServers, blockSize, secretFile, clusterId, members, basePort);
    }

    public ClusterProperties withBasePort(int port) {
        return new ClusterProperties(metaAddress, dataServers, blockSize, secretFile, clusterId, metaGroup, port);
    }

    private static final String META = "meta.address";
    private static final String META_MEMBERS = "meta.members";
    private static final String META_REPLICATION = "meta.replication";
    private static final String DATA_SERVERS = "data.servers";
    private static final String BLOCK_SIZE = "block.size";
    private static final String SECRET_FILE = "secret.file";
    private static final String CLUSTER_ID = "cluster.id";
    private static final String BASE_PORT = "base.port";

    public static ClusterProperties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            String metaAddress = required(p, META, file);
            return new ClusterProperties(metaAddress, Integer.parseInt(required(p, DATA_SERVERS, file)),
                    Integer.parseInt(required(p, BLOCK_SIZE, file)), p.getProperty(SECRET_FILE),
                    blankToNull(p.getProperty(CLUSTER_ID)), group(p, metaAddress, file), basePort(p));
        } catch (IllegalArgumentException e) { // NumberFormatException too
            throw new LocalClusterException(file + ": " + e.getMessage());
        }
    }

    /** The members the three lists name; none without {@code meta.members}. */
    private static List<LocalMetaMember> group(Properties p, String metaAddress, Path file) throws LocalClusterException {
        String names = blankToNull(p.getProperty(META_MEMBERS));
        if (names == null) return List.of();
        List<String> name = split(names);
        List<String> call = split(metaAddress);
        List<String> replication = split(required(p, META_REPLICATION, file));
        if (call.size() != name.size() || replication.size() != name.size()) {
            throw new LocalClusterException(file + ": " + META_MEMBERS + ", " + META + " and " + META_REPLICATION
                    + " must name as many members each (" + name.size() + ", " + call.size() + ", " + replication.size() + ")");
        }
        List<LocalMetaMember> members = new ArrayList<>();
        for (int i = 0; i < name.size(); i++) members.add(new LocalMetaMember(name.get(i), call.get(i), replication.get(i)));
        return members;
    }

    /** The recorded base port; null in a file from before it was recorded. */
    private static Integer basePort(Properties p) {
        String v = blankToNull(p.getProperty(BASE_PORT));
        if (v == null) return null;
        int port = Integer.parseInt(v);
        if (!isPort(port)) throw new IllegalArgumentException(BASE_PORT + " " + port + " is not in [0, 65535]");
        return port;
    }

    private static List<String> split(String list) {
        return List.of(list.trim().split("\\s*,\\s*"));
    }

    /** Writes a temporary file and renames it, so a reader never sees half a file. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty(META, metaAddress);
        if (metaIsGroup()) {
            p.setProperty(META_MEMBERS, String.join(",", metaGroup.stream().map(LocalMetaMember::name).toList()));
            p.setProperty(META_REPLICATION, String.join(",", metaGroup.stream().map(LocalMetaMember::replicationAddress).toList()));
        }
        p.setProperty(DATA_SERVERS, Integer.toString(dataServers));
        p.setProperty(BLOCK_SIZE, Integer.toString(blockSize));
        if (secretFile != null) p.setProperty(SECRET_FILE, secretFile);
        if (clusterId != null) p.setProperty(CLUSTER_ID, clusterId);
        if (basePort != null) p.setProperty(BASE_PORT, Integer.toString(basePort));
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
