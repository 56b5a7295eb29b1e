/**
 * {@code ringfs mount}: puts a {@link org.ringfs.fuse.fs.RingFuse} over a cluster at a directory,
 * in the foreground or detached, cleans a stale mount first and unmounts on SIGTERM and Ctrl-C.
 */
package org.ringfs.fuse.mount;
