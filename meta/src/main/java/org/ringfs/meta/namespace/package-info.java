/**
 * The POSIX rules of the namespace (path resolution, create, link, unlink, rename, attributes,
 * xattrs) and of the block tables (commit, truncate, scans), each operation one store transaction.
 * Signatures speak api and store records, never JE types. The root may not be removed or renamed:
 * rmdir, rename from or onto "/" fail with NOT_PERMITTED.
 */
package org.ringfs.meta.namespace;
