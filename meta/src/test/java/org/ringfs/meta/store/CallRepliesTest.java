package org.ringfs.meta.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.MetaCalls;
import org.ringfs.api.NameRemoved;
import org.ringfs.meta.MetaFixture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A named call's reply is written with its mutation, survives a restart, and is forgotten when old. */
class CallRepliesTest {
    @TempDir Path dir;
    MetaFixture fx;

    @BeforeEach
    void open() throws Exception { fx = new MetaFixture(dir); }

    @AfterEach
    void close() { fx.close(); }

    @Test
    void theReplyOfANamedMutationIsKeptAcrossARestartAndPurgedWhenOld() throws Exception {
        CallReplies.begin("c1:1", MetaCalls.named("ringfs.mkdir"));
        InodeAttributes made;
        try {
            made = fx.meta.mkdir("/d", 0755, 0, 0);
        } finally {
            CallReplies.end();
        }
        CallReplies.begin("c1:2", MetaCalls.named("ringfs.rmdir"));
        NameRemoved removed;
        try {
            removed = fx.meta.rmdir("/d");
        } finally {
            CallReplies.end();
        }
        long session = fx.meta.openSession("closing");
        CallReplies.begin("c1:3", MetaCalls.named("ringfs.closeSession"));
        try {
            fx.meta.closeSession(session);
        } finally {
            CallReplies.end();
        }
        fx.meta.mkdir("/unnamed", 0755, 0, 0); // no call name: nothing kept

        fx.reopen();
        assertThat(fx.store.replyOf("c1:1")).isEqualTo(made.toWire());
        assertThat(fx.store.replyOf("c1:2")).isEqualTo(removed.toWire());
        assertThat(fx.store.replyOf("c1:3")).isSameAs(CallReplies.VOID);
        assertThat(fx.store.replyOf("c1:4")).isNull();
        assertThat(((Map<?, ?>) fx.store.replyOf("c1:1")).get("id")).isEqualTo(made.id());

        fx.clock.advance(Duration.ofMinutes(11));
        assertThat(fx.store.purgeRepliesOlderThan(Duration.ofMinutes(10))).isEqualTo(3);
        assertThat(fx.store.replyOf("c1:1")).isNull();
    }
}
