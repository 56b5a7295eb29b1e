/** Checksums of block bytes: one class per algorithm behind one interface, and chunked checksums. */
package org.ringfs.checksum;
