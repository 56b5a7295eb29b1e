package org.ringfs.fuse.fs;

import org.junit.jupiter.api.Test;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.FileType;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PosixRulesTest {
    private static final Caller ROOT = new Caller(0, 0);
    private static final Caller ALICE = new Caller(1000, 1000);
    private static final Caller BOB = new Caller(1001, 1001);

    private static InodeAttributes file(int mode, int uid, int gid) {
        return new InodeAttributes(5, FileType.FILE, mode, uid, gid, 0, 1, 0, 0, 0, 0);
    }

    private static InodeAttributes dir(int mode, int uid, int gid) {
        return new InodeAttributes(6, FileType.DIRECTORY, mode, uid, gid, 0, 2, 0, 0, 0, 0);
    }

    @Test
    void onlyRootChangesTheOwner() throws RingFsException {
        PosixRules.checkChown(ROOT, file(0644, 1000, 1000), 1001, 1001);
        assertThatThrownBy(() -> PosixRules.checkChown(ALICE, file(0644, 1000, 1000), 1001, null))
                .isInstanceOfSatisfying(RingFsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_PERMITTED));
    }

    @Test
    void theOwnerChangesTheGroupOthersDoNot() throws RingFsException {
        PosixRules.checkChown(ALICE, file(0644, 1000, 1000), null, 50);
        PosixRules.checkChown(ALICE, file(0644, 1000, 1000), 1000, 50); // uid unchanged is no change
        assertThatThrownBy(() -> PosixRules.checkChown(BOB, file(0644, 1000, 1000), null, 1001))
                .isInstanceOf(RingFsException.class);
    }

    @Test
    void onlyTheOwnerOrRootChmods() throws RingFsException {
        PosixRules.checkChmod(ALICE, file(0644, 1000, 1000), 0600);
        PosixRules.checkChmod(ROOT, file(0644, 1000, 1000), 0600);
        assertThatThrownBy(() -> PosixRules.checkChmod(BOB, file(0644, 1000, 1000), 0666))
                .isInstanceOf(RingFsException.class);
    }

    @Test
    void anyoneMayDropSetuidAndSetgidAsTheKernelAsksBeforeTheirWrite() throws RingFsException {
        PosixRules.checkChmod(BOB, file(06777, 1000, 1000), 0777);
        PosixRules.checkChmod(BOB, file(06777, 1000, 1000), 02777);
        assertThatThrownBy(() -> PosixRules.checkChmod(BOB, file(04755, 1000, 1000), 0777))
                .isInstanceOf(RingFsException.class);
        assertThatThrownBy(() -> PosixRules.checkChmod(BOB, file(0755, 1000, 1000), 04755))
                .isInstanceOf(RingFsException.class);
    }

    @Test
    void aWriteByAnyoneButRootClearsSetuidAndRealSetgid() {
        assertThat(PosixRules.modeAfterWrite(BOB, file(06755, 1000, 1000))).isEqualTo(0755);
        assertThat(PosixRules.modeAfterWrite(ROOT, file(06755, 1000, 1000))).isEqualTo(06755);
        // setgid without group execute marks mandatory locking: it stays
        assertThat(PosixRules.modeAfterWrite(BOB, file(02644, 1000, 1000))).isEqualTo(02644);
    }

    @Test
    void chownClearsPrivilegesOfFilesNotDirectories() {
        assertThat(PosixRules.modeAfterChown(file(04755, 1000, 1000))).isEqualTo(0755);
        assertThat(PosixRules.modeAfterChown(dir(02775, 1000, 1000))).isEqualTo(02775);
    }

    @Test
    void aSetgidDirectoryGivesItsGroupAndItsSetgid() {
        InodeAttributes shared = dir(02775, 0, 50);
        assertThat(PosixRules.newEntryGid(ALICE, shared)).isEqualTo(50);
        assertThat(PosixRules.newDirectoryMode(0755, shared)).isEqualTo(02755);
        InodeAttributes plain = dir(0775, 0, 50);
        assertThat(PosixRules.newEntryGid(ALICE, plain)).isEqualTo(1000);
        assertThat(PosixRules.newDirectoryMode(0755, plain)).isEqualTo(0755);
    }

    @Test
    void accessFollowsTheOwnerGroupOtherBits() {
        InodeAttributes f = file(0640, 1000, 1001);
        assertThat(PosixRules.allows(ALICE, f, PosixRules.R_OK | PosixRules.W_OK)).isTrue();
        assertThat(PosixRules.allows(BOB, f, PosixRules.R_OK)).isTrue();
        assertThat(PosixRules.allows(BOB, f, PosixRules.W_OK)).isFalse();
        assertThat(PosixRules.allows(new Caller(7, 7), f, PosixRules.R_OK)).isFalse();
        assertThat(PosixRules.allows(new Caller(7, 7), f, PosixRules.F_OK)).isTrue();
        assertThat(PosixRules.allows(ROOT, f, PosixRules.W_OK)).isTrue();
        assertThat(PosixRules.allows(ROOT, f, PosixRules.X_OK)).isFalse();
    }
}
