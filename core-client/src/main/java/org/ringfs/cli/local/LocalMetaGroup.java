package org.ringfs.cli.local;

import org.ringfs.api.ClusterMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The meta group of a local cluster: its members meta-1 ... meta-N, each a {@code ringfs meta}
 * process on its own store DIR/meta-K, call port and replication port, and how they are started.
 *
 * <p>Ports on a fixed base port P: meta-1 is called on P (the cluster's meta port, as a single meta
 * is), meta-K (K = 2..9) on P+90+K; meta-K replicates on P+100+K. Data servers take P+K and the WebDAV
 * front P+80, so none of these meet for up to 79 data servers. With P = 0, and for members past
 * meta-9, free ports are picked once; both addresses are then recorded and kept: JE's group knows a
 * member by its replication address.
 *
 * <p>The first start of a new group: meta-1 founds it alone (it names only itself as helper and
 * formats with the cluster id {@code up} chose), and the others join through it. Every later start
 * of a member (a second {@code up}, {@code ringfs start meta-K}) names the other members'
 * replication addresses as helpers: a member with a store rejoins, one without (a lost store, a
 * member added by {@code ringfs meta add}) joins and is filled by JE's network restore.
 */
public final class LocalMetaGroup {
    /** Members a new local cluster's meta group has unless told otherwise. */
    public static final int DEFAULT_MEMBERS = 3;
    public static final int CALL_PORT_OFFSET = 90;
    public static final int REPLICATION_PORT_OFFSET = 100;
    /** The highest K whose ports follow from the base port; later members get free ports. */
    public static final int MAX_FIXED_INDEX = 9;
    private static final String PREFIX = "meta-";
    private static final Pattern MEMBER_NAME = Pattern.compile("meta-[1-9][0-9]*");

    private final ClusterDirectory cluster;
    private final ServerLauncher launcher;
    private final ClusterReadiness readiness;

    public LocalMetaGroup(ClusterDirectory cluster, ServerLauncher launcher, ClusterReadiness readiness) {
        this.cluster = cluster;
        this.launcher = launcher;
        this.readiness = readiness;
    }

    // ---- names and layout ----

    public static String memberName(int k) {
        if (k < 1) throw new IllegalArgumentException("meta members count from 1, not " + k);
        return PREFIX + k;
    }

    public static boolean isMemberName(String name) {
        return name != null && MEMBER_NAME.matcher(name).matches();
    }

    /** K of meta-K. */
    public static int indexOf(String name) {
        if (!isMemberName(name)) throw new IllegalArgumentException("'" + name + "' is not a meta member (meta-1, meta-2, ...)");
        return Integer.parseInt(name.substring(PREFIX.length()));
    }

    /** What every client is given as {@code --meta}: the members' call addresses, comma-separated, in order. */
    public static String callAddresses(List<LocalMetaMember> group) {
        return String.join(",", group.stream().map(LocalMetaMember::callAddress).toList());
    }

    /** meta-K's call port on base port P (K = 1..{@value #MAX_FIXED_INDEX}). */
    public static int callPort(int basePort, int k) {
        checkFixed(basePort, k);
        return k == 1 ? basePort : basePort + CALL_PORT_OFFSET + k;
    }

    /** meta-K's replication port on base port P (K = 1..{@value #MAX_FIXED_INDEX}). */
    public static int replicationPort(int basePort, int k) {
        checkFixed(basePort, k);
        return basePort + REPLICATION_PORT_OFFSET + k;
    }

    private static void checkFixed(int basePort, int k) {
        if (basePort <= 0 || k < 1 || k > MAX_FIXED_INDEX) {
            throw new IllegalArgumentException("no fixed port for meta-" + k + " on base port " + basePort);
        }
    }

    /** The highest port a group of {@code members} takes on a fixed base port. */
    public static int highestPort(int basePort, int members) {
        return basePort + REPLICATION_PORT_OFFSET + members;
    }

    /**
     * A new group of {@code n} members: on base port P as the class says, or on free loopback ports
     * when P is 0.
     */
    public static List<LocalMetaMember> plan(int n, int basePort) {
        if (n < 1) throw new IllegalArgumentException("a meta group has at least one member, not " + n);
        if (basePort != 0 && n > MAX_FIXED_INDEX) {
            throw new IllegalArgumentException("at most " + MAX_FIXED_INDEX + " meta members on a fixed base port, not " + n);
        }
        List<Integer> free = basePort == 0 ? FreePorts.pick(2 * n) : List.of();
        List<LocalMetaMember> group = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            int call = basePort == 0 ? free.get(2 * (k - 1)) : callPort(basePort, k);
            int replication = basePort == 0 ? free.get(2 * (k - 1) + 1) : replicationPort(basePort, k);
            group.add(member(k, call, replication));
        }
        return group;
    }

    /**
     * The member {@code ringfs meta add} starts: meta-(K+1) after the highest K ever used here
     * ({@code highestUsed}: a removed member's name is not used again, JE's group remembers it). Its
     * ports follow the base port meta-1's call port shows when they are free, else free ports.
     */
    public static LocalMetaMember next(List<LocalMetaMember> group, int highestUsed) {
        int k = Math.max(highestUsed, group.stream().mapToInt(LocalMetaMember::index).max().orElse(0)) + 1;
        int base = group.stream().filter(m -> m.index() == 1).mapToInt(LocalMetaMember::callPort).findFirst().orElse(0);
        if (base > 0 && k <= MAX_FIXED_INDEX) {
            int call = callPort(base, k);
            int replication = replicationPort(base, k);
            if (call <= 65535 && replication <= 65535 && FreePorts.isFree(call) && FreePorts.isFree(replication)
                    && group.stream().noneMatch(m -> uses(m, call) || uses(m, replication))) {
                return member(k, call, replication);
            }
        }
        List<Integer> free = FreePorts.pick(2);
        return member(k, free.get(0), free.get(1));
    }

    private static boolean uses(LocalMetaMember m, int port) {
        return m.callPort() == port || m.replicationPort() == port;
    }

    private static LocalMetaMember member(int k, int callPort, int replicationPort) {
        return new LocalMetaMember(memberName(k), ServerLauncher.HOST + ":" + callPort, ServerLauncher.HOST + ":" + replicationPort);
    }

    /** A cluster id for a new group (meta formats a single meta's store with one of the same form). */
    public static String newClusterId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The helpers {@code member} names when it starts in a group that exists: the other members'
     * replication addresses (itself when it is the only one).
     */
    public static List<String> helpers(LocalMetaMember member, List<LocalMetaMember> group) {
        List<String> others = group.stream().filter(m -> !m.name().equals(member.name()))
                .map(LocalMetaMember::replicationAddress).toList();
        return others.isEmpty() ? List.of(member.replicationAddress()) : others;
    }

    /**
     * The {@code meta} role's arguments for {@code member}: its store, both addresses, its helpers and
     * the group's cluster id, the secret, then {@code extra} (--block-size, --ring: a founder formats
     * with them, the others ignore them once they hold the group's store).
     */
    public static List<String> roleArgs(ClusterDirectory cluster, LocalMetaMember member, List<String> helpers,
                                        String clusterId, Path secretFile, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(ClusterDirectory.META,
                "--dir", cluster.serverDir(member.name()).toString(),
                "--listen", member.callAddress(),
                "--node-name", member.name(),
                "--replication", member.replicationAddress(),
                "--helpers", String.join(",", helpers),
                "--cluster-id", clusterId));
        if (secretFile != null) args.addAll(List.of("--secret-file", secretFile.toString()));
        args.addAll(extra);
        return args;
    }

    /** The value of {@code --cluster-id} in a member's recorded command, if it has one. */
    public static String recordedClusterId(List<String> command) {
        int i = command.indexOf("--cluster-id");
        return i >= 0 && i + 1 < command.size() ? command.get(i + 1) : null;
    }

    // ---- starting ----

    /**
     * Starts every member of {@code group} and returns the master's cluster map once one is elected.
     * {@code found}: a new group (no member has a store), founded by the first member alone (it names
     * only itself as helper), the others joining through it once it serves; else every member starts at once with the others as helpers. {@code once} are
     * arguments for this start only (--accept-older-store); the recorded commands leave them out and
     * name the other members as helpers, as every later start does.
     */
    public ClusterMap startAll(List<LocalMetaMember> group, boolean found, String clusterId, Path secretFile,
                               List<String> extra, List<String> once, Map<String, ProcessHandle> launched,
                               Duration timeout) throws IOException {
        ClusterMap map;
        if (found) {
            // The joiners start once the founder serves (its store formatted): one that joined while the founder
            // was still formatting once made the founder's environment fail (seen in UpWithoutMetaStoreTest).
            LocalMetaMember founder = group.get(0);
            launchOnly(founder, List.of(founder.replicationAddress()), clusterId, secretFile, extra, once, launched);
            launcher.awaitPort(founder.name(), launched.get(founder.name()), timeout);
            map = readiness.awaitMaster(List.of(founder), launched, timeout).map();
            List<LocalMetaMember> joiners = group.subList(1, group.size());
            for (LocalMetaMember m : joiners) {
                launchOnly(m, List.of(founder.replicationAddress()), clusterId, secretFile, extra, once, launched);
            }
            for (LocalMetaMember m : joiners) awaitJoined(m, launched.get(m.name()), timeout);
        } else {
            for (LocalMetaMember m : group) launchOnly(m, helpers(m, group), clusterId, secretFile, extra, once, launched);
            for (LocalMetaMember m : group) launcher.awaitPort(m.name(), launched.get(m.name()), timeout);
            map = readiness.awaitMaster(group, launched, timeout).map();
        }
        recordCommands(group, clusterId, secretFile, extra);
        return map;
    }

    /**
     * Starts one member of a running group (a restart, or a member {@code meta add} planned) with the
     * other members as helpers, and returns once it is master or a replica (after a network restore
     * when its store was lost). Its command is recorded.
     */
    public ProcessHandle startMember(LocalMetaMember member, List<LocalMetaMember> group, List<String> command,
                                     Duration timeout) throws IOException {
        ProcessHandle p = launcher.launch(member.name(), command);
        try {
            awaitJoined(member, p, timeout);
        } catch (IOException | RuntimeException e) {
            // Half started is worse than stopped: the start can be run again from a clean state.
            ServerStopper.kill(p);
            cluster.removePid(member.name());
            throw e;
        }
        return p;
    }

    /** The command that starts {@code member} of {@code group} from now on: the others as helpers. */
    public List<String> command(LocalMetaMember member, List<LocalMetaMember> group, String clusterId, Path secretFile,
                                List<String> extra) {
        return ServerLauncher.javaCommand(roleArgs(cluster, member, helpers(member, group), clusterId, secretFile, extra));
    }

    /**
     * Names, in every member's recorded command, the other members of {@code group} as helpers (after
     * a member was added or removed); a member without a command file is left to be rebuilt.
     */
    public void recordHelpers(List<LocalMetaMember> group) throws IOException {
        for (LocalMetaMember m : group) {
            if (!cluster.hasCommand(m.name())) continue;
            cluster.writeCommand(m.name(), ServerLauncher.withOption(cluster.command(m.name()), "--helpers",
                    String.join(",", helpers(m, group))));
        }
    }

    private void recordCommands(List<LocalMetaMember> group, String clusterId, Path secretFile, List<String> extra)
            throws IOException {
        for (LocalMetaMember m : group) cluster.writeCommand(m.name(), command(m, group, clusterId, secretFile, extra));
    }

    private void launchOnly(LocalMetaMember m, List<String> helpers, String clusterId, Path secretFile,
                            List<String> extra, List<String> once, Map<String, ProcessHandle> launched) throws IOException {
        List<String> args = new ArrayList<>(roleArgs(cluster, m, helpers, clusterId, secretFile, extra));
        args.addAll(once);
        launched.put(m.name(), launcher.launch(m.name(), ServerLauncher.javaCommand(args)));
    }

    private void awaitJoined(LocalMetaMember m, ProcessHandle p, Duration timeout) throws IOException {
        launcher.awaitPort(m.name(), p, timeout);
        readiness.awaitMember(m, p, timeout);
    }
}
