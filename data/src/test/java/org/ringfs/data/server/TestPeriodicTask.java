package org.ringfs.data.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing a periodic task never interrupts a run in progress (an interrupt in JE's I/O invalidates a store). */
class TestPeriodicTask {

    @Test
    void closeLetsTheRunInProgressFinishUninterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        PeriodicTask task = new PeriodicTask("busy", Duration.ZERO, Duration.ofHours(1), () -> {
            started.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < until) {
                if (Thread.currentThread().isInterrupted()) interrupted.set(true);
            }
            finished.set(true);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        task.close();
        assertThat(finished).as("the run finished before close returned").isTrue();
        assertThat(interrupted).as("the run was interrupted").isFalse();
    }

    @Test
    void aRunStillGoingAfterTheGraceIsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        PeriodicTask task = new PeriodicTask("stuck", Duration.ZERO, Duration.ofHours(1), () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        task.close(Duration.ofMillis(200));
        assertThat(interrupted).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDelayedFirstRunDoesNotStartOnceClosed() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("later", Duration.ofMillis(300), Duration.ZERO, runs::incrementAndGet);
        task.close();
        Thread.sleep(600);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aRequestAfterCloseIsIgnored() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("asked", Duration.ofMillis(-1), Duration.ZERO, runs::incrementAndGet);
        task.close();
        task.runSoon();
        Thread.sleep(200);
        assertThat(runs).hasValue(0);
    }
}
