package org.ringfs.e2e.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.ringfs.client.ClientSettings;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.client.WritePolicy;
import org.ringfs.e2e.cluster.MiniRingFsCluster;
import org.ringfs.repair.FsckReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ringfs.e2e.client.ClientFiles.random;
import static org.ringfs.e2e.client.ClientFiles.read;
import static org.ringfs.e2e.client.ClientFiles.write;

/**
 * Data servers killed with SIGKILL under a reading and writing client: reads fall back and wait,
 * ALL writes wait for the target, QUORUM writes do not, and the cluster heals after restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClientServerCrashTest {
    static final int BLOCK = 64 * 1024;

    MiniRingFsCluster cluster;
    RingFsClient fs;

    @BeforeAll
    void start() throws Exception {
        cluster = MiniRingFsCluster.builder().dataServers(5).blockSize(BLOCK).processes(true).build();
        fs = cluster.client();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** Every test leaves every server running; restarts go in parallel (each is a JVM start). */
    @AfterEach
    void restartAll() {
        List<CompletableFuture<Void>> starts = cluster.dataServerNames().stream()
                .filter(s -> !cluster.isRunning(s))
                .map(s -> CompletableFuture.runAsync(() -> {
                    try {
                        cluster.start(s);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })).toList();
        starts.forEach(CompletableFuture::join);
    }

    @Test
    void readsSurviveOneAndTwoCrashedTargets() throws Exception {
        byte[] data = random(12 * BLOCK + 99, 1);
        write(fs, "/crash-read", data);
        List<String> targets = ClientFiles.targets(cluster, fs, "/crash-read", 0);
        cluster.crash(targets.get(0));
        assertThat(read(cluster.client(), "/crash-read")).isEqualTo(data);
        cluster.crash(targets.get(1));
        assertThat(read(cluster.client(), "/crash-read")).isEqualTo(data);
    }

    @Test
    void aReadWaitsWhileEveryTargetIsDownAndTimesOutWhenTold() throws Exception {
        byte[] data = random(BLOCK, 2);
        write(fs, "/crash-wait", data);
        List<String> targets = ClientFiles.targets(cluster, fs, "/crash-wait", 0);
        targets.forEach(cluster::crash);

        RingFsClient impatient = cluster.client(s -> s.withReadWait(Duration.ofMillis(500)));
        assertThatThrownBy(() -> read(impatient, "/crash-wait")).extracting(e -> ((RingFsException) e).code())
                .isEqualTo(ErrorCode.TIMED_OUT);

        RingFsClient patient = cluster.client(s -> s.withReadWait(ClientSettings.FOREVER));
        CompletableFuture<byte[]> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return read(patient, "/crash-wait");
            } catch (RingFsException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1000);
        assertThat(reading).isNotDone();
        cluster.start(targets.get(2));
        assertThat(reading.get(30, TimeUnit.SECONDS)).isEqualTo(data);
    }

    @Test
    void allWritesWaitForADownTargetAndFinishWhenItReturns() throws Exception {
        RingFsClient all = cluster.client(s -> s.withWritePolicy(WritePolicy.ALL));
        fs.create("/crash-all", 0644, 0, 0, false).close();
        String down = ClientFiles.targets(cluster, fs, "/crash-all", 0).get(1);
        cluster.crash(down);
        byte[] data = random(BLOCK + 10, 3);
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try (OpenFile f = all.open("/crash-all", false)) {
                f.write(0, data, 0, data.length);
            } catch (RingFsException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500);
        assertThat(writing).isNotDone();
        cluster.start(down);
        writing.get(30, TimeUnit.SECONDS);
        assertThat(cluster.blockService(down).verify(ClientFiles.key(cluster, fs, "/crash-all", 0)).length())
                .isEqualTo(BLOCK);
        assertThat(read(fs, "/crash-all")).isEqualTo(data);
    }

    @Test
    void quorumWritesFinishAtOnceAndTheReturningServerCatchesUp() throws Exception {
        String down = cluster.dataServerNames().get(2);
        cluster.crash(down);
        byte[] data = random(10 * BLOCK, 4);
        long started = System.nanoTime();
        write(fs, "/crash-quorum", data);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(read(fs, "/crash-quorum")).isEqualTo(data);

        cluster.start(down); // reconciles at start: fetches the copies it missed from its peers
        FsckReport report = ClientFiles.awaitCleanFsck(fs, Duration.ofSeconds(30));
        assertThat(report.clean()).as(report + " " + report.findings()).isTrue();
        assertThat(read(cluster.client(), "/crash-quorum")).isEqualTo(data);
    }
}
