/**
 * {@code ringfs bench --profile}: where each workload's CPU goes, per process. Every process of the
 * run (the bench's own client, meta, the data servers, the fronts) records with JDK Flight Recorder
 * for the whole run; the samples are split by the workloads' time windows and drawn as one flame
 * graph per workload.
 */
package org.ringfs.e2e.bench.profile;
