package org.kycsuite.events;

/**
 * A sanctions or PEP list entry the applicant's name resembles.
 *
 * @param list the list, e.g. {@code OFAC_SDN} or {@code UN_CONSOLIDATED}
 * @param entryId the entry's id on that list
 * @param matchedName the listed name (or alias) that matched
 * @param score similarity from 0 to 1
 */
public record ScreeningMatch(String list, String entryId, String matchedName, double score) {
}
