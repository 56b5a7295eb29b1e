package org.ringfs.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTest {

    @Test
    void everyCodeComesBackFromItsFaultCodeAndName() {
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(ErrorCode.ofFault(c.faultCode())).isEqualTo(c);
            assertThat(ErrorCode.ofName(c.name())).isEqualTo(c);
            assertThat(c.errno()).isPositive();
            assertThat(c.httpStatus()).isBetween(400, 599);
        }
    }

    @Test
    void unknownCodesAreInternal() {
        assertThat(ErrorCode.ofFault(99_999)).isEqualTo(ErrorCode.INTERNAL);
        assertThat(ErrorCode.ofName("NO_SUCH_CODE")).isEqualTo(ErrorCode.INTERNAL);
        assertThat(ErrorCode.ofName(null)).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void namespaceErrorsCarryThePosixErrno() {
        assertThat(ErrorCode.NOT_FOUND.errno()).isEqualTo(2);
        assertThat(ErrorCode.EXISTS.errno()).isEqualTo(17);
        assertThat(ErrorCode.NOT_DIRECTORY.errno()).isEqualTo(20);
        assertThat(ErrorCode.IS_DIRECTORY.errno()).isEqualTo(21);
        assertThat(ErrorCode.NOT_EMPTY.errno()).isEqualTo(39);
        assertThat(ErrorCode.NAME_TOO_LONG.errno()).isEqualTo(36);
    }
}
