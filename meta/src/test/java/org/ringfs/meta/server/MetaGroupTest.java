package org.ringfs.meta.server;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransport;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransportFactory;
import org.apache.xmlrpc.client.XmlRpcTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaCalls;
import org.ringfs.api.MetaMember;
import org.ringfs.api.MetaMethods;
import org.ringfs.api.MetaRedirect;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;
import org.ringfs.meta.store.StoreOptions;
import org.ringfs.transport.MetaClient;
import org.ringfs.transport.XmlRpcHardening;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ringfs.meta.Errors.assertFails;

/**
 * Meta as a group of three JE replicated environments in this JVM, on loopback ports: who serves,
 * failover with term, sessions and retried calls, losing the majority, a member rebuilt by network
 * restore, equal digests. JE's timeouts here are seconds (see store/Replication).
 */
class MetaGroupTest {
    private static final String CLUSTER = "group-test";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    @TempDir Path dir;
    private final int[] replicationPorts = {freePort(), freePort(), freePort()};
    private final MetaServer[] members = new MetaServer[3];

    @AfterEach
    void closeAll() {
        for (MetaServer m : members) {
            if (m != null) m.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String replication(int k) { return "127.0.0.1:" + replicationPorts[k]; }

    private MetaServer start(int k) throws RingFsException {
        List<String> helpers = k == 0 ? List.of(replication(0)) : List.of(replication(0), replication(1), replication(2));
        return MetaServer.builder().dir(dir.resolve("meta-" + (k + 1))).port(0).nodeName("meta-" + (k + 1))
                .replication(replication(k)).helpers(helpers).clusterId(CLUSTER).initialRing(List.of("data-1"))
                // Small log files, and a VLSN index that may shrink to a few entries, so a test can clean
                // a member's oldest log away with a few MB of writes.
                .jeParameter("je.log.fileMax", "1000000").jeParameter("je.rep.minVLSNIndexSize", "10")
                .start();
    }

    /** Starts the three: the founder first, then the other two together. */
    private void startGroup() throws Exception {
        members[0] = start(0);
        CompletableFuture<MetaServer> second = CompletableFuture.supplyAsync(() -> startQuietly(1));
        CompletableFuture<MetaServer> third = CompletableFuture.supplyAsync(() -> startQuietly(2));
        members[1] = second.get(60, TimeUnit.SECONDS);
        members[2] = third.get(60, TimeUnit.SECONDS);
        waitForMaster();
    }

    private MetaServer startQuietly(int k) {
        try {
            return start(k);
        } catch (RingFsException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one member serving, once there is exactly one (within 30 s). */
    private int waitForMaster() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<Integer> serving = new ArrayList<>();
            for (int k = 0; k < 3; k++) if (members[k] != null && members[k].serving()) serving.add(k);
            if (serving.size() == 1) return serving.get(0);
            Thread.sleep(100);
        }
        throw new AssertionError("no single serving master within 30 s");
    }

    private static MetaClient client(MetaServer m) {
        return MetaClient.connect(m.address(), CALL_TIMEOUT, null, null);
    }

    private int aReplica(int master) {
        for (int k = 0; k < 3; k++) if (k != master && members[k] != null) return k;
        throw new AssertionError("no replica");
    }

    @Test
    @Timeout(90)
    void aGroupOfThreeFormsAndOnlyTheMasterServes() throws Exception {
        startGroup();
        int master = waitForMaster();
        assertThat(master).as("the founder is the first master").isZero();
        assertThat(members[master].term()).isPositive();
        MetaClient toMaster = client(members[master]);
        toMaster.mkdir("/a", 0755, 0, 0);
        assertThat(toMaster.clusterMap().clusterId()).isEqualTo(CLUSTER);

        for (int k = 1; k < 3; k++) {
            MetaClient toReplica = client(members[k]);
            RingFsException e = catchThrowableOfType(RingFsException.class, () -> toReplica.stat("/a"));
            assertThat(e).as("a replica refuses a read").isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_MASTER);
            assertThat(MetaRedirect.master(e)).as("and names the master's call address").contains(members[master].address());
            assertFails(ErrorCode.NOT_MASTER, () -> toReplica.mkdir("/b", 0755, 0, 0));
            assertFails(ErrorCode.NOT_MASTER, () -> toReplica.removeMetaMember("meta-1"));

            List<MetaMember> seen = toReplica.metaMembers();
            assertThat(seen).extracting(MetaMember::name).containsExactly("meta-1", "meta-2", "meta-3");
            assertThat(seen).filteredOn(m -> m.role() == MetaMember.Role.MASTER).extracting(MetaMember::callAddress)
                    .containsExactly(members[master].address());
            assertThat(seen).filteredOn(m -> m.role() == MetaMember.Role.REPLICA).hasSize(2);
            assertThat(seen).extracting(MetaMember::replicationAddress)
                    .containsExactly(replication(0), replication(1), replication(2));
            assertThat(seen).allSatisfy(m -> assertThat(m.term()).isEqualTo(members[master].term()));
        }
        assertFails(ErrorCode.INVALID, () -> toMaster.removeMetaMember("meta-" + (master + 1)));
        assertFails(ErrorCode.NOT_FOUND, () -> toMaster.removeMetaMember("meta-9"));
        assertThat(members[1].serving()).isFalse();

        for (int i = 0; i < 20; i++) toMaster.mkdir("/a/d" + i, 0755, 0, 0);
        String digest = awaitEqualDigests();
        toMaster.mkdir("/a/one-more", 0755, 0, 0);
        assertThat(awaitEqualDigests()).as("a change changes every member's digest").isNotEqualTo(digest);
        awaitNoLag(toMaster);

        // A member taken out of the group: the master lists two, and a majority is counted of two.
        members[2].close();
        members[2] = null;
        toMaster.removeMetaMember("meta-3");
        assertThat(toMaster.metaMembers()).extracting(MetaMember::name).containsExactly("meta-1", "meta-2");
        assertFails(ErrorCode.NOT_FOUND, () -> toMaster.removeMetaMember("meta-3"));
        toMaster.mkdir("/a/with-two", 0755, 0, 0);
    }

    private static void awaitNoLag(MetaClient c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<MetaMember> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = c.metaMembers();
            if (seen.stream().allMatch(m -> m.lag() == 0)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("members still lag: " + seen);
    }

    /** Every member's digest, once they are all equal (within 15 s). */
    private String awaitEqualDigests() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> digests = List.of();
        while (System.nanoTime() < deadline) {
            digests = new ArrayList<>();
            for (MetaServer m : members) if (m != null) digests.add(client(m).storeDigest());
            if (digests.stream().distinct().count() == 1) return digests.get(0);
            Thread.sleep(100);
        }
        throw new AssertionError("digests never agreed: " + digests);
    }

    @Test
    @Timeout(120)
    void aNewMasterTakesOverWithAHigherTermKeepingSessionsAndFirstReplies() throws Exception {
        startGroup();
        int old = waitForMaster();
        long oldTerm = members[old].term();
        MetaClient toOld = client(members[old]);
        long session = toOld.openSession("writer");
        MetaCall allocate = MetaCalls.of(MetaService.class.getMethod("allocateGenerations", long.class, int.class));
        long first = (Long) allocate.decodeReply(named(members[old], "retried-call-1", allocate, session, 5));
        toOld.mkdir("/kept", 0755, 0, 0);

        members[old].close();
        members[old] = null;
        long failedAt = System.nanoTime();
        int now = waitForMaster();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAt);
        assertThat(tookMs).as("failover time").isLessThan(20_000);
        assertThat(members[now].term()).as("the new master's term").isGreaterThan(oldTerm);

        MetaClient toNew = client(members[now]);
        toNew.renewSession(session); // the session opened before the failover lives on
        Object again = named(members[now], "retried-call-1", allocate, session, 5);
        assertThat((Long) allocate.decodeReply(again)).as("the retry gets the first reply").isEqualTo(first);
        assertThat(toNew.allocateGenerations(session, 5)).as("and was not applied twice").isEqualTo(first + 5);
        assertThat(toNew.stat("/kept").type()).isNotNull();
        assertThat(toNew.heartbeat(new org.ringfs.api.Heartbeat("data-1", "127.0.0.1:1", org.ringfs.api.ServerVitals.NONE, CLUSTER, 0, 0)).term())
                .isEqualTo(members[now].term());
        assertThat(toNew.liveGenerations().term()).isEqualTo(members[now].term());
        assertThat(toNew.freedBlocks("data-1", 0, 10).term()).isEqualTo(members[now].term());

        // The old master comes back as a replica and points at the new one.
        members[old] = start(old);
        RingFsException e = awaitNotMaster(members[old]);
        assertThat(MetaRedirect.master(e)).contains(members[now].address());
        awaitEqualDigests();
    }

    private RingFsException awaitNotMaster(MetaServer m) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        RingFsException last = null;
        while (System.nanoTime() < deadline) {
            last = catchThrowableOfType(RingFsException.class, () -> client(m).stat("/"));
            if (last != null && MetaRedirect.master(last).isPresent()) return last;
            Thread.sleep(100);
        }
        throw new AssertionError("never redirected: " + last);
    }

    /** Sends {@code call} to {@code m} named {@code name}, as a client retrying it would; returns the wire reply. */
    private static Object named(MetaServer m, String name, MetaCall call, Object... args) throws Exception {
        XmlRpcHardening.installParserFactory();
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setServerURL(new URL("http://" + m.address() + MetaMethods.PATH));
        config.setEnabledForExtensions(true);
        XmlRpcClient raw = new XmlRpcClient();
        raw.setConfig(config);
        raw.setTypeFactory(XmlRpcHardening.typeFactory(raw));
        raw.setTransportFactory(new XmlRpcSun15HttpTransportFactory(raw) {
            @Override
            public XmlRpcTransport getTransport() {
                return new XmlRpcSun15HttpTransport(raw) {
                    @Override
                    protected ReqWriter newReqWriter(XmlRpcRequest request) throws XmlRpcException, IOException, SAXException {
                        ReqWriter w = super.newReqWriter(request);
                        setRequestHeader(MetaMethods.CALL_HEADER, name);
                        return w;
                    }
                };
            }
        });
        return raw.execute(call.name(), call.encodeArguments(args));
    }

    @Test
    @Timeout(120)
    void withTwoOfThreeDownMutationsFailClearlyAndNothingAcknowledgedIsLost() throws Exception {
        startGroup();
        int master = waitForMaster();
        MetaClient toMaster = client(members[master]);
        for (int i = 0; i < 10; i++) toMaster.mkdir("/acked" + i, 0755, 0, 0);
        int[] replicas = Stream.of(0, 1, 2).filter(k -> k != master).mapToInt(Integer::intValue).toArray();
        for (int k : replicas) {
            members[k].close();
            members[k] = null;
        }
        long t0 = System.nanoTime();
        RingFsException e = catchThrowableOfType(RingFsException.class, () -> toMaster.mkdir("/lost", 0755, 0, 0));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(e).as("a mutation without a majority fails").isNotNull();
        assertThat(e.code()).isIn(ErrorCode.UNAVAILABLE, ErrorCode.NOT_MASTER);
        assertThat(tookMs).as("and fails within a bounded time").isLessThan(15_000);

        members[replicas[0]] = start(replicas[0]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int serving = -1;
        while (System.nanoTime() < deadline) {
            for (int k = 0; k < 3; k++) {
                if (members[k] == null || !members[k].serving()) continue;
                try {
                    client(members[k]).mkdir("/after", 0755, 0, 0);
                    serving = k;
                } catch (RingFsException again) {
                    if (again.code() == ErrorCode.EXISTS) serving = k;
                }
            }
            if (serving >= 0) break;
            Thread.sleep(200);
        }
        assertThat(serving).as("service resumes once a second member is back").isNotNegative();
        MetaClient resumed = client(members[serving]);
        for (int i = 0; i < 10; i++) assertThat(resumed.stat("/acked" + i)).isNotNull();
    }

    @Test
    @Timeout(120)
    void aMemberWhoseStoreWasDeletedRebuildsItselfByNetworkRestore() throws Exception {
        startGroup();
        int master = waitForMaster();
        int lost = aReplica(master);
        MetaClient toMaster = client(members[master]);
        toMaster.mkdir("/before", 0755, 0, 0);
        members[lost].close();
        members[lost] = null;
        deleteTree(dir.resolve("meta-" + (lost + 1)));

        // While it is down the master writes several log files' worth, then deletes its oldest files,
        // so the group's log no longer reaches back to the start: replay cannot rebuild the member,
        // only a copy of another member's log can.
        byte[] fill = new byte[60_000];
        for (int i = 0; i < 120; i++) {
            java.util.Arrays.fill(fill, (byte) i);
            toMaster.setXattr("/before", "user.fill", fill, 0);
        }
        for (int i = 0; i < 20; i++) toMaster.mkdir("/while-down-" + i, 0755, 0, 0);
        Path firstLog = dir.resolve("meta-" + (master + 1)).resolve("00000000.jdb");
        com.sleepycat.je.rep.ReplicatedEnvironment env = members[master].store().replicated();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (env.getStats(null).getReservedLogSize() < 4_000_000 && System.nanoTime() < deadline) {
            env.cleanLog();
            env.checkpoint(new com.sleepycat.je.CheckpointConfig().setForce(true));
        }
        // A member deletes cleaned (reserved) log files only near its disk limit; JE counts je.maxDisk less je.freeDisk.
        env.setMutableConfig(env.getMutableConfig().setMaxDisk(StoreOptions.DEFAULT_FREE_DISK_BYTES + 3_000_000));
        while (Files.exists(firstLog) && System.nanoTime() < deadline) {
            try {
                env.checkpoint(new com.sleepycat.je.CheckpointConfig().setForce(true));
            } catch (com.sleepycat.je.DiskLimitException e) {
                // the limit is what makes it delete files
            }
            Thread.sleep(100);
        }
        env.setMutableConfig(env.getMutableConfig().setMaxDisk(0));
        assertThat(firstLog).as("the master's first log file was cleaned away").doesNotExist();
        toMaster.mkdir("/after-cleaning", 0755, 0, 0);

        members[lost] = start(lost);
        assertThat(members[lost].store().networkRestores()).as("the member copied another member's log").isPositive();
        awaitNotMaster(members[lost]);
        String digest = awaitEqualDigests();
        assertThat(digest).isEqualTo(toMaster.storeDigest());
        assertThat(client(members[lost]).metaMembers()).filteredOn(m -> m.name().equals("meta-" + (lost + 1)))
                .singleElement().satisfies(m -> assertThat(m.role()).isEqualTo(MetaMember.Role.REPLICA));
    }

    /**
     * An old master whose log holds a commit the group never had (here forced: it was told to count
     * itself a majority while the others were down) loses it when it rejoins, and follows the new master.
     */
    @Test
    @Timeout(120)
    void anOldMasterWithCommitsTheGroupNeverHadRollsBackAndRejoins() throws Exception {
        startGroup();
        int old = waitForMaster();
        MetaClient toOld = client(members[old]);
        toOld.mkdir("/shared", 0755, 0, 0);
        awaitEqualDigests();
        int[] others = Stream.of(0, 1, 2).filter(k -> k != old).mapToInt(Integer::intValue).toArray();
        for (int k : others) {
            members[k].close();
            members[k] = null;
        }
        com.sleepycat.je.rep.ReplicatedEnvironment env = members[old].store().replicated();
        env.setRepMutableConfig(env.getRepMutableConfig().setElectableGroupSizeOverride(1));
        toOld.mkdir("/only-on-the-old-master", 0755, 0, 0);
        members[old].close();
        members[old] = null;

        members[others[0]] = start(others[0]);
        members[others[1]] = start(others[1]);
        int now = waitForMaster();
        MetaClient toNew = client(members[now]);
        toNew.mkdir("/new-era", 0755, 0, 0);
        assertFails(ErrorCode.NOT_FOUND, () -> toNew.stat("/only-on-the-old-master"));

        members[old] = start(old);
        awaitNotMaster(members[old]);
        awaitEqualDigests(); // its copy lost the commit too (JE rolls back what no majority acknowledged)
        assertThat(toNew.stat("/shared")).isNotNull();
        assertFails(ErrorCode.NOT_FOUND, () -> toNew.stat("/only-on-the-old-master"));
    }

    /** The launcher restarts members one at a time, each started once the one before listens. */
    @Test
    @Timeout(120)
    void aWholeGroupRestartedOneMemberAtATimeComesBack() throws Exception {
        startGroup();
        MetaClient first = client(members[waitForMaster()]);
        first.mkdir("/survives", 0755, 0, 0);
        awaitEqualDigests();
        for (int k = 0; k < 3; k++) {
            members[k].close();
            members[k] = null;
        }
        long t0 = System.nanoTime();
        members[0] = start(0); // alone: no majority, yet it must start and answer
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("a lone member's start").isLessThan(30_000);
        assertThat(members[0].serving()).isFalse();
        RingFsException e = catchThrowableOfType(RingFsException.class, () -> client(members[0]).stat("/survives"));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_MASTER);
        assertThat(MetaRedirect.master(e)).as("no master is known").isEmpty();
        assertThat(client(members[0]).metaMembers()).hasSize(3);

        members[1] = start(1);
        int master = waitForMaster();
        assertThat(client(members[master]).stat("/survives")).isNotNull();
        client(members[master]).mkdir("/after-restart", 0755, 0, 0);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Test
    @Timeout(60)
    void aSingleMetaIsTheMasterOfTermZero() throws Exception {
        try (MetaServer single = MetaServer.builder().dir(dir.resolve("single")).port(0).start()) {
            MetaClient c = client(single);
            assertThat(single.term()).isZero();
            assertThat(c.metaMembers()).singleElement().satisfies(m -> {
                assertThat(m.role()).isEqualTo(MetaMember.Role.MASTER);
                assertThat(m.callAddress()).isEqualTo(single.address());
                assertThat(m.name()).isEqualTo("meta-1");
                assertThat(m.lag()).isZero();
                assertThat(m.term()).isZero();
            });
            assertFails(ErrorCode.INVALID, () -> c.removeMetaMember("meta-2"));
            String before = c.storeDigest();
            assertThat(before).hasSize(64);
            c.mkdir("/x", 0755, 0, 0);
            assertThat(c.storeDigest()).isNotEqualTo(before);
            assertThat(c.liveGenerations().term()).isZero();
            assertThat(c.freedBlocks("data-1", 0, 10).term()).isZero();
        }
    }
}
