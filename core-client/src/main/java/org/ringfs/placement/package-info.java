/** Where a block's three copies live: the seed's round robin over the ring, keyed on the inode id. */
package org.ringfs.placement;
