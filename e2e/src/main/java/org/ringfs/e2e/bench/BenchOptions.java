package org.ringfs.e2e.bench;

import java.util.Set;

/**
 * What one bench invocation measures.
 *
 * @param size    bytes of the large file
 * @param files   small files per small-file workload
 * @param runs    times each workload runs
 * @param threads threads that share the small-file workloads
 * @param paths   access paths to measure: client, fuse, webdav
 * @param gitFiles files of the repository the git workload clones onto the mount (0: no git workload)
 */
record BenchOptions(long size, int files, int runs, int threads, Set<String> paths, int gitFiles) {}
