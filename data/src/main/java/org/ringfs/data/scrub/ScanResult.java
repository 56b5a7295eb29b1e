package org.ringfs.data.scrub;

import org.ringfs.api.BlockKey;

/** The scrubber's finding about one copy: a value, not an exception. */
public record ScanResult(BlockKey key, FailureType failure, String detail) {

    public static ScanResult healthy(BlockKey key) {
        return new ScanResult(key, FailureType.HEALTHY, "");
    }

    public static ScanResult unhealthy(BlockKey key, FailureType failure, String detail) {
        if (failure == FailureType.HEALTHY) throw new IllegalArgumentException("a failure must not be HEALTHY");
        return new ScanResult(key, failure, detail);
    }

    public boolean isHealthy() { return failure == FailureType.HEALTHY; }
}
