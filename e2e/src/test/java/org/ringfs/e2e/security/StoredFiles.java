package org.ringfs.e2e.security;

import org.ringfs.api.RingFsException;
import org.ringfs.client.OpenFile;
import org.ringfs.client.RingFsClient;
import org.ringfs.repair.FsckReport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files a hostile test stores before it attacks, to prove afterwards that nothing stored was lost:
 * each reads back byte-identical and fsck finds every copy of every block ok.
 */
final class StoredFiles {
    private final RingFsClient fs;
    private final Map<String, byte[]> contents = new LinkedHashMap<>();

    StoredFiles(RingFsClient fs) {
        this.fs = fs;
    }

    /** Writes {@code size} random bytes (from {@code seed}) to {@code path} and remembers them. */
    StoredFiles store(String path, int size, long seed) throws RingFsException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        try (OpenFile f = fs.create(path, 0644, 0, 0, false)) {
            f.truncate(0);
            f.write(0, data, 0, data.length);
        }
        contents.put(path, data);
        return this;
    }

    /** Every stored file reads back byte-identical, and fsck is clean. */
    void assertIntact() throws RingFsException {
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            assertThat(read(e.getKey())).as("contents of %s", e.getKey()).isEqualTo(e.getValue());
        }
        FsckReport report = fs.fsck().check();
        assertThat(report.clean()).as("fsck: %s", report).isTrue();
    }

    private byte[] read(String path) throws RingFsException {
        try (OpenFile f = fs.open(path, false)) {
            byte[] out = new byte[(int) f.size()];
            int at = 0;
            while (at < out.length) {
                int n = f.read(at, out, at, out.length - at);
                assertThat(n).as("read of %s at %d", path, at).isPositive();
                at += n;
            }
            return out;
        }
    }
}
