/**
 * The file commands of the launcher (put, get, ls, mkdir, mv, rm, stat, ln): each one call or a
 * streamed copy over the client file system, never a whole file in memory.
 */
package org.ringfs.cli.files;
