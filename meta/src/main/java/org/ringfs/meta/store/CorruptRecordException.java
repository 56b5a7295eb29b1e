package org.ringfs.meta.store;

/** A stored record that does not decode: the store is damaged or was written by another format. */
public final class CorruptRecordException extends IllegalStateException {
    public CorruptRecordException(String message) { super("corrupt meta store record: " + message); }
}
