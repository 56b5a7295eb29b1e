package org.ringfs.meta;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Asserting which ErrorCode an operation fails with. */
public final class Errors {
    private Errors() {}

    public static void assertFails(ErrorCode expected, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("expected %s", expected).isInstanceOf(RingFsException.class);
        assertThat(((RingFsException) t).code()).as("error of %s", t).isEqualTo(expected);
    }
}
