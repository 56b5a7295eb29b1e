package org.ringfs.data.store;

/** What {@link StoreOpener} found in a server's store directory. */
public enum StoreCondition {
    /** A readable store: opened as it was. */
    EXISTING,
    /** No store, or an empty one: started empty. */
    MISSING,
    /** A store JE refused or could not read through: moved aside, started empty. */
    DAMAGED
}
