package org.ringfs.meta.registry;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import java.util.regex.Pattern;

/** What a data server may call itself: it becomes a ring entry and part of store keys. */
final class ServerName {
    private ServerName() {}

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static void check(String name) throws RingFsException {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new RingFsException(ErrorCode.INVALID, "bad data server name '" + name + "': want 1-64 of [A-Za-z0-9._-]");
        }
    }
}
