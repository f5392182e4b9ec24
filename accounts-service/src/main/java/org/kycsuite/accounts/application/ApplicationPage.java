package org.kycsuite.accounts.application;

import java.util.List;

/** One page of applications; {@code page} counts from 0. */
public record ApplicationPage(List<ApplicationView> items, int page, int size, long total) {
}
