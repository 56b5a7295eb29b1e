package org.ringfs.data.rebuild;

import org.ringfs.api.RingFsException;

import java.util.List;

/** A {@link SortedSource} that fetches the next page, after the last item seen, when it runs dry. */
final class PagedSource<T> implements SortedSource<T> {
    /** Fetches the page after {@code last} (null: the first page); an empty page is the end. */
    @FunctionalInterface
    interface Pager<T> {
        List<T> pageAfter(T last) throws RingFsException;
    }

    private final Pager<T> pager;
    private List<T> page;
    private int at;
    private T last;
    private boolean done;

    PagedSource(Pager<T> pager) {
        this.pager = pager;
    }

    @Override
    public T peek() throws RingFsException {
        while (!done && (page == null || at == page.size())) {
            page = pager.pageAfter(last);
            at = 0;
            if (page.isEmpty()) done = true;
        }
        return done ? null : page.get(at);
    }

    @Override
    public void advance() throws RingFsException {
        if (peek() != null) last = page.get(at++);
    }
}
