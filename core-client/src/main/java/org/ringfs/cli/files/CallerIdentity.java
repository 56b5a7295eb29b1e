package org.ringfs.cli.files;

import com.sun.security.auth.module.UnixSystem;

/** The uid and gid new files and directories get: those of the user running ringfs, as a mount would give. */
record CallerIdentity(int uid, int gid) {
    static CallerIdentity current() {
        UnixSystem unix = new UnixSystem();
        return new CallerIdentity((int) unix.getUid(), (int) unix.getGid());
    }
}
