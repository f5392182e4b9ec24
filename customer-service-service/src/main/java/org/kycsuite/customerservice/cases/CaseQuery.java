package org.kycsuite.customerservice.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * An agent's search: free text (name, e-mail or application id), status and submission date range.
 *
 * @param from inclusive lower bound of the submission time, or null
 * @param to exclusive upper bound of the submission time, or null
 */
public record CaseQuery(String text, CaseStatus status, Instant from, Instant to, int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /**
     * Parses request parameters.
     *
     * @throws IllegalArgumentException naming the parameter that is invalid
     */
    public static CaseQuery parse(String q, String status, String from, String to, Integer page, Integer size) {
        CaseStatus parsedStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                parsedStatus = CaseStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status: must be one of "
                        + java.util.Arrays.toString(CaseStatus.values()));
            }
        }
        int parsedPage = page == null ? 0 : page;
        int parsedSize = size == null ? DEFAULT_SIZE : size;
        if (parsedPage < 0) {
            throw new IllegalArgumentException("page: must be 0 or more");
        }
        if (parsedSize < 1 || parsedSize > MAX_SIZE) {
            throw new IllegalArgumentException("size: must be between 1 and " + MAX_SIZE);
        }
        String text = q == null || q.isBlank() ? null : q.trim();
        return new CaseQuery(text, parsedStatus, bound("from", from, false), bound("to", to, true), parsedPage,
                parsedSize);
    }

    /** A date ({@code 2026-11-20}, the whole day) or an instant ({@code 2026-11-20T09:00:00Z}). */
    private static Instant bound(String name, String value, boolean upper) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == "yyyy-MM-dd".length()) {
                LocalDate day = LocalDate.parse(value);
                return (upper ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": must be a date (2026-11-20) or an instant "
                    + "(2026-11-20T09:00:00Z)");
        }
    }
}
