package org.ringfs.data.store;

import java.nio.file.Path;

/**
 * A store as {@link StoreOpener} opened it.
 *
 * @param movedAside where a damaged store now lies, or null
 */
public record OpenedStore(BlockStore store, StoreCondition condition, Path movedAside) {
}
