package org.ringfs.webdav.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after a few failed logins from one address, each further attempt from
 * it waits, twice as long per failure up to a cap. A success, or a quiet quarter of an hour,
 * forgets the address.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final Duration FIRST_DELAY = Duration.ofMillis(250);
    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    private static final long FORGET_MILLIS = 15 * 60_000;
    private static final int MAX_ADDRESSES = 100_000;

    private record Failures(int count, long lastMillis) {}

    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    /** How long a login attempt from this address waits before it is checked. */
    public Duration delayFor(String address) {
        Failures f = byAddress.get(address);
        if (f == null) return Duration.ZERO;
        if (System.currentTimeMillis() - f.lastMillis() > FORGET_MILLIS) {
            byAddress.remove(address);
            return Duration.ZERO;
        }
        int over = f.count() - FREE_FAILURES;
        if (over < 0) return Duration.ZERO;
        long millis = FIRST_DELAY.toMillis() << Math.min(over, 16);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    public void failed(String address) {
        if (byAddress.size() >= MAX_ADDRESSES) forgetQuiet();
        long now = System.currentTimeMillis();
        byAddress.merge(address, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }

    public void succeeded(String address) {
        byAddress.remove(address);
    }

    private void forgetQuiet() {
        long now = System.currentTimeMillis();
        byAddress.values().removeIf(f -> now - f.lastMillis() > FORGET_MILLIS);
    }
}
