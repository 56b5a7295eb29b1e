package org.ringfs.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.InodeHold;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The holds a client's writer session asks meta for, and the releases it sends, as files open and close. */
class WriterSessionTest {
    /** What meta was asked, in the order the calls reached it. */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** When set, a release waits here after it was sent, as one still on the wire. */
    volatile CountDownLatch releaseLands;
    final CountDownLatch releaseSent = new CountDownLatch(1);
    volatile boolean releasesFail;
    final AtomicLong sessionsOpened = new AtomicLong();

    final MetaService meta = (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(),
            new Class<?>[] {MetaService.class}, (proxy, method, args) -> switch (method.getName()) {
                case "openSession" -> sessionsOpened.incrementAndGet();
                case "renewSession", "closeSession" -> null;
                case "holdInode" -> {
                    calls.add("hold " + args[1] + "#" + args[2]);
                    yield null;
                }
                case "releaseInodes" -> {
                    releaseSent.countDown();
                    CountDownLatch gate = releaseLands;
                    if (gate != null && !gate.await(10, TimeUnit.SECONDS)) throw new AssertionError("release never let land");
                    if (releasesFail) throw new RingFsException(ErrorCode.UNAVAILABLE, "meta is away");
                    @SuppressWarnings("unchecked") List<InodeHold> holds = (List<InodeHold>) args[1];
                    for (InodeHold h : holds) calls.add("release " + h.inode() + "#" + h.hold());
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });
    final WriterSession session = new WriterSession(meta, TimeUnit.HOURS.toMillis(1)); // renewed by hand

    @AfterEach
    void close() { session.close(); }

    @Test
    void aFileOpenedAgainWhileItsReleaseIsOnTheWireIsHeldUnderAHigherNumberThanTheReleaseNames() throws Exception {
        session.opened(7);
        session.closed(7);
        releaseLands = new CountDownLatch(1);
        Thread renewal = new Thread(session::renew);
        renewal.start();
        assertThat(releaseSent.await(10, TimeUnit.SECONDS)).isTrue();

        session.opened(7); // its hold reaches meta before the release
        releaseLands.countDown();
        renewal.join();

        // Meta ends a hold only for a release naming its number or a higher one (OpenInodes), so the
        // late release leaves the second open held.
        assertThat(calls).containsExactly("hold 7#1", "hold 7#2", "release 7#1");
    }

    @Test
    void aFileOpenedAgainBeforeTheRenewalTakesBackItsReleaseAndKeepsItsHold() throws Exception {
        session.opened(7);
        session.opened(7);
        session.closed(7);
        session.closed(7);
        session.opened(7);
        session.renew();
        assertThat(calls).containsExactly("hold 7#1");

        session.closed(7);
        session.renew();
        assertThat(calls).containsExactly("hold 7#1", "release 7#1");
    }

    @Test
    void aReleaseWithoutAnAnswerGoesAgainAndAnOpenMeanwhileTakesANewHold() throws Exception {
        session.opened(7);
        session.opened(8);
        session.closed(7);
        session.closed(8);
        releasesFail = true;
        session.renew();
        // Meta may have ended hold 8#2 before the answer was lost: an open now takes a new hold, and
        // 8#2's release, sent again, ends nothing of it.
        session.opened(8);
        releasesFail = false;
        session.renew();
        assertThat(calls).containsExactly("hold 7#1", "hold 8#2", "hold 8#3", "release 7#1", "release 8#2");
        session.renew();
        assertThat(calls).hasSize(5);
    }

    @Test
    void aCreateHoldsInItsOwnCallAndTheReleaseNamesTheHighestNumberMetaWasGiven() throws Exception {
        session.opened(7);
        session.closed(7); // its release not sent yet
        session.openedBy((s, hold) -> { // O_CREAT of the same file: created (found) and held in one call
            calls.add("createHeld 7#" + hold);
            return file(7);
        });
        session.openedBy((s, hold) -> {
            calls.add("createHeld 9#" + hold);
            return file(9);
        });
        session.closed(7);
        session.closed(9);
        session.renew();
        assertThat(calls).containsExactlyInAnyOrder("hold 7#1", "createHeld 7#2", "createHeld 9#3", "release 7#2", "release 9#3");
    }

    @Test
    void aCreateWhoseSessionEndedAtMetaRunsAgainUnderANewSession() throws Exception {
        List<Long> sessions = new ArrayList<>();
        InodeAttributes a = session.openedBy((s, hold) -> {
            sessions.add(s);
            if (sessions.size() == 1) throw new RingFsException(ErrorCode.SESSION_EXPIRED, "ended");
            return file(5);
        });
        assertThat(a.id()).isEqualTo(5);
        assertThat(sessions).containsExactly(1L, 2L);
    }

    private static InodeAttributes file(long id) {
        return new InodeAttributes(id, FileType.FILE, 0644, 0, 0, 0, 1, 0, 0, 0, 0);
    }
}
