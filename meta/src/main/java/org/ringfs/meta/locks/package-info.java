/**
 * WebDAV write locks kept by meta for every front (RFC 4918 sections 6 and 7): conflicts between
 * exclusive and shared locks at depth 0 and infinity, timeouts judged by meta's clock, expired
 * locks never returned and purged by the next write that meets them.
 */
package org.ringfs.meta.locks;
