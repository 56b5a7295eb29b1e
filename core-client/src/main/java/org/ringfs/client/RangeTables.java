package org.ringfs.client;

import org.ringfs.api.InodeAttributes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The block tables that short ranged reads share (a WebDAV front's GETs with a Range of a few KiB,
 * each a new open). Without it every such GET asked meta for its table row on top of the stat the
 * GET makes anyway; with it, the GETs of one unchanged file read one table that grows as a long-lived
 * random reader's does ({@link BlockTable}: 1, 2, 4 ... up to 1024 rows, centred on each miss), so a
 * client reading a file at random through many GETs costs meta about what one open handle would.
 *
 * <p>A table is shared only by opens given exactly the same attributes (inode id, size, mtime and
 * ctime, as the open's fresh stat returned them): a commit, truncate or setattr of the file moves its
 * ctime (a commit sets it to the writer's clock, the others to meta's), so the first GET after a change
 * gets a table of its own, asked of meta after that stat, as before. That is the bound the front's
 * strong ETags (id, mtime, size) already rely on. A copy that looks stale still drops the table
 * (for every reader sharing it) and the next lookup asks meta again. At most {@link #MAX_TABLES}
 * tables are kept, the least recently used go first; each holds at most one page of
 * {@link BlockTable#MAX_PAGE_ROWS} rows.
 */
final class RangeTables {
    static final int MAX_TABLES = 16;

    /** What must not have changed for a table to be shared. */
    private record Version(long inode, long size, long mtimeNanos, long ctimeNanos) {
        static Version of(InodeAttributes a) {
            return new Version(a.id(), a.size(), a.mtimeNanos(), a.ctimeNanos());
        }
    }

    private final ClientServices services;
    private final Map<Version, BlockTable> tables = new LinkedHashMap<>(MAX_TABLES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Version, BlockTable> eldest) {
            return size() > MAX_TABLES;
        }
    };

    RangeTables(ClientServices services) {
        this.services = services;
    }

    /** The table of the file as {@code attributes} describe it, shared with every open given the same. */
    synchronized BlockTable of(InodeAttributes attributes) {
        return tables.computeIfAbsent(Version.of(attributes),
                v -> new BlockTable(services.meta(), v.inode(), services.readStats()));
    }
}
