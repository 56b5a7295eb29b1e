/**
 * The FUSE file system: {@link org.ringfs.fuse.fs.RingFuse} answers the kernel's requests with
 * calls on a {@link org.ringfs.client.RingFileSystem}, turns every failure into an errno
 * ({@link org.ringfs.fuse.fs.ErrnoTable}) and keeps the table of open file handles.
 */
package org.ringfs.fuse.fs;
