package org.ringfs.fuse.fs;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.InodeAttributes;
import org.ringfs.api.RingFsException;

/**
 * The POSIX ownership rules the mount applies itself. Mode-bit checks on lookups, reads and writes
 * are the kernel's (default_permissions); these are the ones that change attributes or need the
 * owner: who may chown and chmod, when setuid/setgid are cleared, what a setgid directory gives
 * its new entries.
 * <p>
 * FUSE reports only the caller's primary gid, so one simplification: a non-root owner may set the
 * group to any gid (Linux asks for one of the owner's groups; with default_permissions the kernel
 * checks that before the request reaches us).
 */
public final class PosixRules {
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_IXGRP = 00010;
    static final int F_OK = 0;
    static final int X_OK = 1;
    static final int W_OK = 2;
    static final int R_OK = 4;

    private PosixRules() {}

    /** chown(2): root changes anything; an owner may change only the group; others nothing (EPERM). */
    public static void checkChown(Caller caller, InodeAttributes file, Integer uid, Integer gid) throws RingFsException {
        if (caller.isRoot()) return;
        boolean uidChanges = uid != null && uid != file.uid();
        boolean gidChanges = gid != null && gid != file.gid();
        if (uidChanges || (gidChanges && caller.uid() != file.uid())) {
            throw new RingFsException(ErrorCode.NOT_PERMITTED, "only root changes the owner, only the owner the group");
        }
    }

    /**
     * chmod(2): the owner or root (EPERM). Anyone may only drop setuid/setgid: the kernel asks
     * that, with the writer's identity, before a write or truncate by a non-owner.
     */
    public static void checkChmod(Caller caller, InodeAttributes file, int newMode) throws RingFsException {
        if (caller.isRoot() || caller.uid() == file.uid()) return;
        int privileges = S_ISUID | S_ISGID;
        boolean onlyDropsPrivileges = (newMode & ~privileges) == (file.mode() & ~privileges)
                && (newMode & ~file.mode()) == 0;
        if (!onlyDropsPrivileges) {
            throw new RingFsException(ErrorCode.NOT_PERMITTED, "only the owner or root may change the mode");
        }
    }

    /**
     * The mode after a chown of {@code file}: as Linux does, a chown of a non-directory clears
     * setuid, and setgid when it is a real setgid (group execute set; without it, it marks
     * mandatory locking and stays).
     */
    public static int modeAfterChown(InodeAttributes file) {
        return file.isDirectory() ? file.mode() : withoutPrivileges(file.mode());
    }

    /** The mode after {@code caller} writes {@code file}: anyone but root clears setuid/setgid. */
    public static int modeAfterWrite(Caller caller, InodeAttributes file) {
        return caller.isRoot() ? file.mode() : withoutPrivileges(file.mode());
    }

    static int withoutPrivileges(int mode) {
        int cleared = mode & ~S_ISUID;
        if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) cleared &= ~S_ISGID;
        return cleared;
    }

    /** Whether a write by anyone but root would change the mode (so it is worth a setattr). */
    public static boolean hasPrivileges(int mode) {
        return withoutPrivileges(mode) != mode;
    }

    /** The group of a new entry: the directory's in a setgid directory, else the caller's. */
    public static int newEntryGid(Caller caller, InodeAttributes parent) {
        return (parent.mode() & S_ISGID) != 0 ? parent.gid() : caller.gid();
    }

    /** The mode of a new subdirectory: it inherits setgid from a setgid parent. */
    public static int newDirectoryMode(int mode, InodeAttributes parent) {
        return (parent.mode() & S_ISGID) != 0 ? mode | S_ISGID : mode;
    }

    /** access(2) for {@code mask} (R_OK|W_OK|X_OK, or F_OK): root passes all but execute of a non-executable file. */
    public static boolean allows(Caller caller, InodeAttributes file, int mask) {
        if (mask == F_OK) return true;
        if (caller.isRoot()) {
            return (mask & X_OK) == 0 || file.isDirectory() || (file.mode() & 0111) != 0;
        }
        int granted;
        if (caller.uid() == file.uid()) granted = (file.mode() >> 6) & 7;
        else if (caller.gid() == file.gid()) granted = (file.mode() >> 3) & 7;
        else granted = file.mode() & 7;
        return (granted & mask) == mask;
    }
}
