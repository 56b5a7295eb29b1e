/**
 * MiniRingFsCluster: a whole RingFS cluster for tests, as OS processes or in this JVM, on
 * ephemeral loopback ports and temporary directories, with crash, restart and store loss.
 */
package org.ringfs.e2e.cluster;
