/**
 * Bringing copies back to what meta says: read repair of the copies a read found bad, and fsck,
 * which compares meta's block table with every data server, reports findings as values and
 * rewrites or deletes what is wrong.
 */
package org.ringfs.repair;
