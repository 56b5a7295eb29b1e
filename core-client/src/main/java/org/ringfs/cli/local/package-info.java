/**
 * A local cluster of OS processes under one directory: {@code ringfs up}, {@code down},
 * {@code crash} and {@code start}, and the directory layout (pid, command, port and log of each
 * server) they share with the test cluster driver.
 */
package org.ringfs.cli.local;
