/** Where a block's three copies live: consecutive distinct servers of a hash circle, keyed on the inode id. */
package org.ringfs.placement;
