package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CallerSyscallTest {
    private static final Set<Integer> X86_64_RENAMES = Set.of(82, 264, 316);

    @Test
    void theFirstFieldOfProcPidSyscallNamesTheCall() {
        assertThat(CallerSyscall.parse("316 0xffffff9c 0x7ffd 0xffffff9c 0x7ffe 0x1 0x0 0x7ffc 0x7f12\n", X86_64_RENAMES))
                .isEqualTo(CallerSyscall.Kind.RENAME);
        assertThat(CallerSyscall.parse("263 0xffffff9c 0x55aa 0x0 0x0 0x0 0x0 0x7ffc 0x7f12\n", X86_64_RENAMES))
                .isEqualTo(CallerSyscall.Kind.OTHER); // unlinkat
        assertThat(CallerSyscall.parse("running\n", X86_64_RENAMES)).isEqualTo(CallerSyscall.Kind.UNKNOWN);
        assertThat(CallerSyscall.parse("-1 0x7ffc 0x7f12\n", X86_64_RENAMES)).isEqualTo(CallerSyscall.Kind.UNKNOWN);
        assertThat(CallerSyscall.parse("", X86_64_RENAMES)).isEqualTo(CallerSyscall.Kind.UNKNOWN);
    }

    @Test
    void aProcessThatCannotBeReadIsUnknown() {
        assertThat(CallerSyscall.of(0)).isEqualTo(CallerSyscall.Kind.UNKNOWN);
        assertThat(CallerSyscall.of(Integer.MAX_VALUE)).isEqualTo(CallerSyscall.Kind.UNKNOWN);
    }
}
