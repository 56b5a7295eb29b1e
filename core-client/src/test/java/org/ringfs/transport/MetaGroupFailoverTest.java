package org.ringfs.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client given the members of a meta group follows the master: it goes where a replica's
 * NOT_MASTER names, looks through the members while none is known, skips one that is unreachable,
 * and fails UNAVAILABLE naming every member once its failover window has passed. Each member is a
 * small HTTP server on loopback answering scripted XML-RPC replies and faults ({@link FakeMetaMember}).
 */
@Timeout(20)
class MetaGroupFailoverTest {
    private static final String DEAD = MetaClientTest.NOBODY; // nothing listens there
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final String DIGEST = "digest-1";
    private final List<FakeMetaMember> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(FakeMetaMember::close);
    }

    private FakeMetaMember member() throws IOException {
        FakeMetaMember m = FakeMetaMember.start();
        members.add(m);
        return m;
    }

    private static MetaClient connect(String... addresses) {
        return MetaClient.connect(String.join(",", addresses), CALL_TIMEOUT, null, null);
    }

    @Test
    void aReplicaThatNamesTheMasterSendsTheCallThereAndTheNextCallsGoStraightToIt() throws Exception {
        FakeMetaMember a = member(), b = member(), c = member();
        b.masterAnswering(DIGEST);
        a.replicaOf(b);
        c.replicaOf(b);
        // c comes before the master: asked only if a's redirect were not followed
        MetaClient meta = connect(a.address(), c.address(), b.address()).failingOverFor(Duration.ZERO);

        assertThat(meta.storeDigest()).isEqualTo("digest-1");
        assertThat(meta.address()).isEqualTo(b.address());
        assertThat(meta.storeDigest()).isEqualTo("digest-1");
        assertThat(a.requests()).isEqualTo(1);
        assertThat(b.requests()).isEqualTo(2);
        assertThat(c.requests()).isZero();
    }

    @Test
    void aLoneAddressOfAReplicaIsFollowedToTheMasterItNames() throws Exception {
        FakeMetaMember replica = member(), master = member();
        master.masterAnswering(DIGEST);
        replica.replicaOf(master);
        MetaClient meta = connect(replica.address());

        assertThat(meta.storeDigest()).isEqualTo("digest-1");
        assertThat(meta.address()).isEqualTo(master.address());
        assertThat(meta.members()).containsExactly(replica.address());
    }

    @Test
    void anElectionThatEndsWithinTheWindowLetsTheCallSucceed() throws Exception {
        FakeMetaMember a = member(), b = member(), c = member();
        long electedAt = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        a.replicaOf(null);
        c.replicaOf(null);
        b.answering(n -> System.nanoTime() < electedAt
                ? FakeMetaMember.fault(ErrorCode.NOT_MASTER, "meta member b is not the master; master=?")
                : FakeMetaMember.reply(DIGEST));
        MetaClient meta = connect(a.address(), b.address(), c.address()).failingOverFor(Duration.ofSeconds(10));

        long start = System.nanoTime();
        assertThat(meta.storeDigest()).isEqualTo("digest-1");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(4)); // pauses stay short in a group
        assertThat(a.requests()).isGreaterThan(1);
        assertThat(meta.address()).isEqualTo(b.address());
    }

    @Test
    void noMasterForTheWholeWindowFailsUnavailableNamingEveryMemberAndItsAnswer() throws Exception {
        FakeMetaMember b = member(), c = member();
        b.replicaOf(null);
        c.replicaOf(null);
        MetaClient meta = connect(DEAD, b.address(), c.address()).failingOverFor(Duration.ofSeconds(2));

        long start = System.nanoTime();
        assertThatThrownBy(meta::storeDigest).isInstanceOfSatisfying(RingFsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage())
                    .startsWith("no meta master among " + DEAD + ", " + b.address() + ", " + c.address() + " after 2 s: ")
                    .contains(DEAD + " unreachable (")
                    .contains(b.address() + " not master (no master known)")
                    .contains(c.address() + " not master (no master known)");
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(b.requests()).isGreaterThan(2); // asked again after each pause, not once
    }

    @Test
    void anUnreachableFirstMemberIsSkipped() throws Exception {
        FakeMetaMember master = member();
        master.masterAnswering(DIGEST);
        MetaClient meta = connect(DEAD, master.address()).failingOverFor(Duration.ZERO); // one round: no pause

        long start = System.nanoTime();
        assertThat(meta.storeDigest()).isEqualTo("digest-1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
        assertThat(meta.address()).isEqualTo(master.address());
        assertThat(master.requests()).isEqualTo(1);
    }

    @Test
    void everyTryOfOneMutationCarriesTheSameCallNameOnEveryMember() throws Exception {
        FakeMetaMember a = member(), b = member(), c = member();
        a.replicaOf(null);
        b.replicaOf(c);
        // The master hangs up on the first try (it may have committed it), then answers.
        c.answering(n -> n == 1 ? null : FakeMetaMember.reply(true));
        MetaClient meta = connect(a.address(), b.address(), c.address()).failingOverFor(Duration.ofSeconds(5));

        meta.closeSession(7);

        List<String> names = new ArrayList<>();
        for (FakeMetaMember m : List.of(a, b, c)) names.addAll(m.callNames());
        assertThat(names).hasSize(6); // a, b -> c (hangs up); a pause; a, b -> c
        assertThat(new HashSet<>(names)).hasSize(1).doesNotContain("-");
        meta.closeSession(8); // the next mutation: another name, straight to the master
        assertThat(c.callNames()).hasSize(3);
        assertThat(Set.copyOf(c.callNames())).hasSize(2);
        assertThat(a.requests()).isEqualTo(2);
    }

    @Test
    void membersThatNameEachOtherAreFollowedABoundedNumberOfHops() throws Exception {
        FakeMetaMember a = member(), b = member(), c = member();
        a.replicaOf(b); // stale views: a and b each name the other
        b.replicaOf(a);
        c.masterAnswering(DIGEST);
        MetaClient meta = connect(a.address(), b.address(), c.address()).failingOverFor(Duration.ZERO);

        assertThat(meta.storeDigest()).isEqualTo("digest-1");
        assertThat(a.requests() + b.requests()).isEqualTo(1 + MasterSearch.MAX_HOPS); // a, then 4 hops
        assertThat(c.requests()).isEqualTo(1);
    }

    @Test
    void aMemberFoundUnreachableIsAskedLastAfterAPause() throws Exception {
        FakeMetaMember oldMaster = member(), b = member();
        oldMaster.answering(n -> null); // hangs up on every call, as a master going down
        b.answering(n -> n == 1
                ? FakeMetaMember.fault(ErrorCode.NOT_MASTER, "meta member b is not the master; master=?")
                : FakeMetaMember.reply(DIGEST));
        MetaClient meta = connect(oldMaster.address(), b.address()).failingOverFor(Duration.ofSeconds(5));

        assertThat(meta.storeDigest()).isEqualTo("digest-1");
        assertThat(oldMaster.requests()).isEqualTo(1); // the second round began with b
        assertThat(meta.address()).isEqualTo(b.address());
    }

    @Test
    void aFaultOtherThanNotMasterIsTheAnswerAndGoesToNoOtherMember() throws Exception {
        FakeMetaMember a = member(), b = member();
        a.answering(n -> FakeMetaMember.fault(ErrorCode.NOT_FOUND, "/x: no such file or directory"));
        b.masterAnswering(DIGEST);
        MetaClient meta = connect(a.address(), b.address());

        assertThatThrownBy(() -> meta.stat("/x")).isInstanceOfSatisfying(RingFsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(b.requests()).isZero();
    }

    @Test
    void aLoneUnreachableMetaIsRetriedForItsRetryWindowAndFailsAsBefore() {
        MetaClient meta = connect(DEAD).retryingFor(Duration.ofSeconds(1)).failingOverFor(Duration.ofSeconds(30));

        long start = System.nanoTime();
        assertThatThrownBy(meta::storeDigest).isInstanceOfSatisfying(RingFsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).startsWith("meta server " + DEAD + " unreachable (ringfs.storeDigest)");
        });
        // the failover window is for a group: a lone meta waits its retry window only
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertThat(meta).hasToString("MetaClient[" + DEAD + "]");
        assertThat(meta.address()).isEqualTo(DEAD);
    }

    @Test
    void aLoneMetaThatKnowsNoMasterIsAskedOnceWithoutARetryWindow() throws Exception {
        FakeMetaMember a = member();
        a.replicaOf(null);
        MetaClient meta = connect(a.address());

        assertThatThrownBy(meta::storeDigest).isInstanceOfSatisfying(RingFsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("no meta master at " + a.address() + " after 0 s: " + a.address()
                    + " not master (no master known)");
        });
        assertThat(a.requests()).isEqualTo(1);
    }

    @Test
    void theClientNamesAllItsMembers() {
        MetaClient meta = connect("10.0.0.1:7000", " 10.0.0.2:7000 ", "meta-3:7000");
        assertThat(meta.members()).containsExactly("10.0.0.1:7000", "10.0.0.2:7000", "meta-3:7000");
        assertThat(meta.address()).isEqualTo("10.0.0.1:7000");
        assertThat(meta).hasToString("MetaClient[10.0.0.1:7000,10.0.0.2:7000,meta-3:7000]");
        assertThatThrownBy(() -> meta.failingOverFor(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
