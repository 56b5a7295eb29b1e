/**
 * The {@code ringfs} launcher: the root command, the options every client command shares, and
 * how failures become one line on stderr and an exit code. Commands live in the sub-packages.
 */
package org.ringfs.cli;
