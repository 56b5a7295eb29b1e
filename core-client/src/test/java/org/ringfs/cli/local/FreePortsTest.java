package org.ringfs.cli.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void portsAreDistinctFreeBelowTheEphemeralRangeAndClaimedForThisProcess() throws Exception {
        List<Integer> ports = FreePorts.pick(20);
        assertThat(new HashSet<>(ports)).hasSize(20);
        int ephemeralLow = FreePorts.ephemeralLow();
        assertThat(ephemeralLow).as("read from the kernel").isGreaterThan(FreePorts.LOWEST + 1000);
        Path claims = Path.of(System.getProperty("java.io.tmpdir"), "ringfs-ports");
        for (int p : ports) {
            assertThat(p).isBetween(FreePorts.LOWEST, ephemeralLow - 1);
            assertThat(FreePorts.isFree(p)).isTrue();
            assertThat(Files.readString(claims.resolve(Integer.toString(p))).trim())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        assertThat(FreePorts.pick(200)).as("a later pick gets none of the claimed ports").doesNotContainAnyElementsOf(ports);
    }

    @Test
    void aClaimOfAProcessThatIsGoneIsTakenOver() throws Exception {
        Path claims = Path.of(System.getProperty("java.io.tmpdir"), "ringfs-ports");
        Files.createDirectories(claims);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // Claim every port of a small window for a dead process; picking must still find ports.
        for (int p = FreePorts.LOWEST; p < FreePorts.LOWEST + 50; p++) {
            Path f = claims.resolve(Integer.toString(p));
            if (!Files.exists(f)) {
                Files.writeString(f, Long.toString(gone.pid()));
                f.toFile().deleteOnExit();
            }
        }
        assertThat(FreePorts.pick(5)).hasSize(5);
    }
}
