/** The scrubber: re-reads stored copies at a bounded rate and reports what it finds as values. */
package org.ringfs.data.scrub;
