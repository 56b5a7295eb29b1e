package org.ringfs.security;

import java.io.IOException;

/** A secret file that is missing, malformed, or readable by others. */
public final class SecretFileException extends IOException {
    public SecretFileException(String message) {
        super(message);
    }
}
