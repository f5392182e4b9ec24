package org.kycsuite.customerservice.cases;

import java.util.List;

/** A page of search hits; {@code page} counts from 0. */
public record CasePage(List<CaseSummary> items, int page, int size, long total) {

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
