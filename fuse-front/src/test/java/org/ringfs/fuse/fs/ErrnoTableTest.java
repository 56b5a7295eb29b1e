package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrnoTableTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeBecomesItsNegativeErrno(ErrorCode code) {
        int errno = ErrnoTable.negative("op", "/p", new RingFsException(code, "test"));
        assertThat(errno).isEqualTo(-code.errno()).isNegative();
    }

    @Test
    void namespaceErrorsAreThePosixOnes() {
        assertThat(ErrnoTable.negative(ErrorCode.NOT_FOUND)).isEqualTo(-2);
        assertThat(ErrnoTable.negative(ErrorCode.EXISTS)).isEqualTo(-17);
        assertThat(ErrnoTable.negative(ErrorCode.NOT_EMPTY)).isEqualTo(-39);
        assertThat(ErrnoTable.negative(ErrorCode.NO_ATTRIBUTE)).isEqualTo(-61);
        assertThat(ErrnoTable.negative(ErrorCode.TIMED_OUT)).isEqualTo(-5);
    }

    @Test
    void unexpectedFailuresAreEio() {
        assertThat(ErrnoTable.negative("op", "/p", new IllegalStateException("bug"))).isEqualTo(-5);
        assertThat(ErrnoTable.negative("op", "/p", new java.io.IOException("disk"))).isEqualTo(-5);
    }

    @Test
    void anUnknownHandleIsEbadf() {
        assertThat(ErrnoTable.negative("read", "/p", new UnknownHandleException(7))).isEqualTo(-9);
    }
}
