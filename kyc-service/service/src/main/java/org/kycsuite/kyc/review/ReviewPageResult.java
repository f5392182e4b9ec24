package org.kycsuite.kyc.review;

import java.util.List;

/** One page of reviews: {@code {"items", "page", "size", "total"}}. */
public record ReviewPageResult(List<ReviewView> items, int page, int size, long total) {
}
