package org.ringfs.data.scrub;

import java.util.List;

/**
 * One scrub pass: how many copies and bytes it checked, and every unhealthy finding.
 *
 * @param removed how many of the findings were deleted so that reconciliation refetches them
 */
public record ScrubReport(long scanned, long bytes, List<ScanResult> findings, long removed) {
}
