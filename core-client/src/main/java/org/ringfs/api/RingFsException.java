package org.ringfs.api;

import java.io.IOException;

/** The one exception RingFS throws across a module boundary: an {@link ErrorCode} and a message. */
public class RingFsException extends IOException {
    private final ErrorCode code;

    public RingFsException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public RingFsException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() { return code; }

    public static RingFsException notFound(String what) {
        return new RingFsException(ErrorCode.NOT_FOUND, what + ": no such file or directory");
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
