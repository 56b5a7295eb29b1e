package org.ringfs.cli.local;

import org.ringfs.security.ClusterSecret;
import org.ringfs.transport.MetaAddresses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of a local cluster: DIR/cluster.properties, and per server (a single meta, or the
 * members meta-1 ... meta-M of a meta group, data-1 ... data-N, and the WebDAV front, webdav, with
 * its users file) DIR/NAME/ holding its store, {@code pid}, {@code command} (one argument per line),
 * {@code port} (written by the server) and {@code server.log}.
 */
public final class ClusterDirectory {
    /** The default directory, relative to where ringfs runs. */
    public static final String DEFAULT = "var";
    public static final String META = "meta";
    /** The WebDAV front `ringfs up` serves the drive with. */
    public static final String WEBDAV = "webdav";
    /** The FUSE mount `up --mount` starts. */
    public static final String MOUNT = "mount";
    private static final String DATA_PREFIX = "data-";
    /** A data server's store and cluster id file inside its directory (the data module's names). */
    private static final String DATA_STORE = "store";
    private static final String DATA_CLUSTER_ID = "cluster-id";
    private static final Pattern SERVER_NAME = Pattern.compile("meta|meta-[1-9][0-9]*|data-[1-9][0-9]*|webdav|mount");
    /** A directory a removed meta member's store was moved to: meta-K.removed-TIMESTAMP. */
    private static final Pattern REMOVED_MEMBER = Pattern.compile("(meta-[1-9][0-9]*)\\.removed-.*");

    private final Path root;

    public ClusterDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static String dataServerName(int k) {
        return DATA_PREFIX + k;
    }

    public static boolean isDataServer(String name) {
        return name.startsWith(DATA_PREFIX);
    }

    /** meta or meta-K: a single meta or a member of a meta group. */
    public static boolean isMeta(String name) {
        return META.equals(name) || LocalMetaGroup.isMemberName(name);
    }

    /** A usage error unless {@code name} is meta, meta-K, data-K, webdav or mount. */
    public static void checkServerName(String name) {
        if (!SERVER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a server name (meta or meta-1, meta-2, ...,"
                    + " data-1, data-2, ..., webdav, mount)");
        }
    }

    /** A usage error unless {@code address} is HOST:PORT ({@link MetaAddresses#isHostPort}: IPv6 in brackets, port 1-65535). */
    public static void checkAddress(String address, String option) {
        if (!MetaAddresses.isHostPort(address)) { // the one HOST:PORT rule
            throw new IllegalArgumentException(option + " wants HOST:PORT with a port of 1 to 65535, not '" + address + "'");
        }
    }

    public Path root() { return root; }

    public Path serverDir(String name) {
        checkServerName(name);
        return root.resolve(name);
    }

    public Path pidFile(String name) { return serverDir(name).resolve("pid"); }

    public Path commandFile(String name) { return serverDir(name).resolve("command"); }

    /** Written by the server once it listens: the port it got. */
    public Path portFile(String name) { return serverDir(name).resolve("port"); }

    public Path logFile(String name) { return serverDir(name).resolve("server.log"); }

    /**
     * The WebDAV front's users file: the one default of {@code ringfs user add NAME --dir DIR},
     * {@code ringfs webdav --dir DIR} and the front {@code ringfs up} serves.
     */
    public Path webdavUsersFile() { return serverDir(WEBDAV).resolve("users"); }

    public Path propertiesFile() { return root.resolve("cluster.properties"); }

    /** Where {@code ringfs up} keeps the cluster secret it generated. */
    public Path defaultSecretFile() { return root.resolve("secret"); }

    /** The secret file cluster.properties names, else DIR/secret when it exists. */
    public Optional<Path> secretFileInUse() throws IOException {
        if (hasProperties()) {
            String named = properties().secretFile();
            if (named != null && !named.isBlank()) return Optional.of(root.resolve(named.trim()));
        }
        return Files.exists(defaultSecretFile()) ? Optional.of(defaultSecretFile()) : Optional.empty();
    }

    /** The secret of this cluster, when it has one. */
    public Optional<ClusterSecret> secret() throws IOException {
        Optional<Path> file = secretFileInUse();
        return file.isPresent() ? Optional.of(ClusterSecret.load(file.get())) : Optional.empty();
    }

    public boolean hasProperties() { return Files.isRegularFile(propertiesFile()); }

    public ClusterProperties properties() throws IOException {
        if (!hasProperties()) {
            throw new LocalClusterException("no RingFS cluster in " + root + " (start one with `ringfs up --dir "
                    + root + "`, or give --meta HOST:PORT)");
        }
        return ClusterProperties.read(propertiesFile());
    }

    public void writeProperties(ClusterProperties p) throws IOException {
        Files.createDirectories(root);
        p.write(propertiesFile());
    }

    /** Whether DIR/meta, or the directory of any meta group member here, holds a meta store. */
    public boolean hasMetaStore() throws IOException {
        if (hasMetaStore(META)) return true;
        for (String name : metaMemberNames()) {
            if (hasMetaStore(name)) return true;
        }
        return false;
    }

    /** Whether DIR/NAME (meta or meta-K) holds a meta store (JE log files), not just a log or a pid file. */
    public boolean hasMetaStore(String name) throws IOException {
        Path dir = serverDir(name);
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".jdb"));
        }
    }

    /**
     * The meta group's members here: those cluster.properties records, in its order, then any other
     * DIR/meta-K directory (a member started but not recorded), by K.
     */
    public List<String> metaMemberNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (LocalMetaMember m : recordedMetaGroup()) names.add(m.name());
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.list(root)) {
                files.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                        .filter(LocalMetaGroup::isMemberName).filter(n -> !names.contains(n))
                        .sorted(java.util.Comparator.comparingInt(LocalMetaGroup::indexOf)).forEach(names::add);
            }
        }
        return names;
    }

    /** The highest K of a meta-K this directory has used, a removed member's included (0: none). */
    public int highestMetaIndexUsed() throws IOException {
        int highest = 0;
        for (String name : metaMemberNames()) highest = Math.max(highest, LocalMetaGroup.indexOf(name));
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.list(root)) {
                for (Path p : files.toList()) {
                    var m = REMOVED_MEMBER.matcher(p.getFileName().toString());
                    if (m.matches()) highest = Math.max(highest, LocalMetaGroup.indexOf(m.group(1)));
                }
            }
        }
        return highest;
    }

    /** The meta group cluster.properties records; empty for a single meta or without a readable file. */
    private List<LocalMetaMember> recordedMetaGroup() throws IOException {
        if (!hasProperties()) return List.of();
        try {
            return properties().metaGroup();
        } catch (LocalClusterException e) {
            return List.of(); // a damaged file must not keep `down` from finding the servers
        }
    }

    /** Where data server {@code name} keeps the id of its cluster (the data module's MetaAuthority reads it). */
    public Path dataClusterIdFile(String name) { return serverDir(name).resolve(DATA_CLUSTER_ID); }

    /** What a data server keeps of its cluster: DIR/data-K/store and DIR/data-K/cluster-id, those that exist. */
    public List<Path> dataServerHoldings() throws IOException {
        List<Path> found = new ArrayList<>();
        for (String name : serverNames()) {
            if (!isDataServer(name)) continue;
            for (String held : List.of(DATA_STORE, DATA_CLUSTER_ID)) {
                Path p = serverDir(name).resolve(held);
                if (Files.exists(p)) found.add(p);
            }
        }
        return found;
    }

    /**
     * Every server that has a directory here: meta (or the meta group's members) first, then data-1,
     * data-2, ... in order, then webdav, mount. The data servers cluster.properties counts are looked
     * for each, so a lost directory (a replaced disk) hides none after it from `down` or `status`.
     */
    public List<String> serverNames() throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root.resolve(META))) names.add(META);
        for (String member : metaMemberNames()) {
            if (Files.isDirectory(root.resolve(member))) names.add(member);
        }
        int counted = recordedDataServers();
        for (int k = 1; k <= counted || Files.isDirectory(root.resolve(dataServerName(k))); k++) {
            if (Files.isDirectory(root.resolve(dataServerName(k)))) names.add(dataServerName(k));
        }
        if (Files.isDirectory(root.resolve(WEBDAV))) names.add(WEBDAV);
        if (Files.isDirectory(root.resolve(MOUNT))) names.add(MOUNT);
        return names;
    }

    /** The data server count cluster.properties records; 0 without a readable file (then the directories say). */
    private int recordedDataServers() throws IOException {
        if (!hasProperties()) return 0;
        try {
            return properties().dataServers();
        } catch (LocalClusterException e) {
            return 0; // a damaged file must not keep `down` from finding the servers
        }
    }

    public OptionalLong pid(String name) throws IOException {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile(name), StandardCharsets.US_ASCII).trim()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (NumberFormatException e) {
            throw new LocalClusterException(pidFile(name) + " does not hold a pid");
        }
    }

    /**
     * The live process of a server, from its pid file. A pid the OS has since given to another
     * program does not count: the process must be running org.ringfs.cli.Main when the OS says.
     */
    public Optional<ProcessHandle> running(String name) throws IOException {
        OptionalLong pid = pid(name);
        if (pid.isEmpty()) return Optional.empty();
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(ServerLauncher.MAIN_CLASS)).orElse(true));
    }

    public void writePid(String name, long pid) throws IOException {
        writeAtomically(pidFile(name), pid + "\n");
    }

    public void removePid(String name) throws IOException {
        Files.deleteIfExists(pidFile(name));
    }

    public boolean hasCommand(String name) { return Files.isRegularFile(commandFile(name)); }

    /** The command line that starts the server as it last ran. */
    public List<String> command(String name) throws IOException {
        try {
            return Files.readAllLines(commandFile(name), StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (NoSuchFileException e) {
            throw new LocalClusterException(name + " has never run in " + root);
        }
    }

    public void writeCommand(String name, List<String> command) throws IOException {
        writeAtomically(commandFile(name), String.join("\n", command) + "\n");
    }

    /** The port the server wrote, or empty while it has not (or wrote half of it). */
    public OptionalLong writtenPort(String name) throws IOException {
        try {
            String text = Files.readString(portFile(name), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Integer.parseInt(text));
        } catch (NoSuchFileException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The last lines of a server's log, to show why it failed. */
    public String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(name), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
