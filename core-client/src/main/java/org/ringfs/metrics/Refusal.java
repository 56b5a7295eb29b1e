package org.ringfs.metrics;

import org.ringfs.security.RequestRefusedException;

import java.util.Locale;

/** Why a request was refused, as {@code ringfs_refused_requests_total} counts it (its {@link #label()}). */
public enum Refusal {
    /** A signature header is absent or malformed. */
    UNSIGNED,
    /** Signed with another key, or changed on the way. */
    BAD_SIGNATURE,
    /** Signed too far from the server's clock. */
    STALE,
    /** A nonce seen before. */
    REPLAYED,
    /** Too many requests in the replay window. */
    REPLAY_CACHE_FULL,
    /** A scrape of {@code /metrics} without the cluster's metrics token. */
    METRICS_TOKEN,
    /** A WebDAV login with a wrong user or password. */
    LOGIN_FAILED;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The refusal of a signature check's reason (exhaustive: a new reason does not compile until it has one). */
    public static Refusal of(RequestRefusedException.Reason reason) {
        return switch (reason) {
            case UNSIGNED -> UNSIGNED;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
            case STALE -> STALE;
            case REPLAYED -> REPLAYED;
            case REPLAY_CACHE_FULL -> REPLAY_CACHE_FULL;
        };
    }
}
