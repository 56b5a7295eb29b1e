package org.ringfs.data.rebuild;

import org.ringfs.api.RingFsException;

import java.util.List;

/** A stream of items in key order that can be peeked, fed page by page from meta or the store. */
interface SortedSource<T> {
    /** The next item without taking it, or null at the end. */
    T peek() throws RingFsException;

    /** Takes the next item, or null at the end. */
    default T next() throws RingFsException {
        T item = peek();
        advance();
        return item;
    }

    void advance() throws RingFsException;

    static <T> SortedSource<T> of(List<T> items) {
        return new PagedSource<>(after -> after == null ? items : List.of());
    }
}
