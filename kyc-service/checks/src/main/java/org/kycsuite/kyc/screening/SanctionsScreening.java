package org.kycsuite.kyc.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.ScreeningMatch;

/**
 * Screens a person's name against the loaded sanctions lists.
 *
 * <p>Names are indexed by the first three letters of each token, so a lookup scores only the listed
 * names that share a token start with the applicant (a few hundred at most) instead of every name on
 * every list. The index is immutable after construction and safe for concurrent use.
 */
public final class SanctionsScreening {

    private static final int KEY_LENGTH = 3;
    /** A key on more names than this (and 2% of all names) is too common to select candidates alone. */
    private static final int MIN_COMMON_KEY = 200;

    private final ListedName[] names;
    private final Map<String, int[]> postings;
    private final ScreeningSettings settings;
    private final int commonKeyLimit;

    public SanctionsScreening(List<ListedName> listedNames, ScreeningSettings settings) {
        this.names = listedNames.stream().filter(n -> n.tokens().length > 0).toArray(ListedName[]::new);
        this.settings = settings;
        Map<String, List<Integer>> building = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            for (String token : names[i].tokens()) {
                List<Integer> list = building.computeIfAbsent(key(token), k -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != i) {
                    list.add(i);
                }
            }
        }
        Map<String, int[]> frozen = new HashMap<>(building.size() * 2);
        building.forEach((k, v) -> frozen.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.postings = frozen;
        this.commonKeyLimit = Math.max(MIN_COMMON_KEY, names.length / 50);
    }

    /** Listed names (primary and aliases) in the index. */
    public int size() {
        return names.length;
    }

    public ScreeningSettings settings() {
        return settings;
    }

    /** Every entry whose name or alias scores at least the review threshold, best first, one match per entry. */
    public ScreeningResult screen(String fullName) {
        String[] query = NameNormalizer.tokens(fullName).toArray(String[]::new);
        if (query.length == 0) {
            return new ScreeningResult(List.of(), CheckOutcome.PASSED);
        }
        Map<String, ScreeningMatch> best = new LinkedHashMap<>();
        for (int candidate : candidates(query)) {
            ListedName name = names[candidate];
            double score = NameSimilarity.score(query, name.tokens());
            if (score >= settings.reviewThreshold()) {
                String entry = name.list() + ":" + name.entryId();
                ScreeningMatch current = best.get(entry);
                double rounded = Math.round(score * 1000) / 1000.0;
                if (current == null || rounded > current.score()) {
                    best.put(entry, new ScreeningMatch(name.list(), name.entryId(), name.name(), rounded));
                }
            }
        }
        List<ScreeningMatch> matches = best.values().stream()
                .sorted(Comparator.comparingDouble(ScreeningMatch::score).reversed()
                        .thenComparing(ScreeningMatch::entryId))
                .limit(settings.maxMatches())
                .toList();
        return new ScreeningResult(matches, outcome(matches));
    }

    private CheckOutcome outcome(List<ScreeningMatch> matches) {
        if (matches.isEmpty()) {
            return CheckOutcome.PASSED;
        }
        return matches.get(0).score() >= settings.matchThreshold() ? CheckOutcome.FAILED : CheckOutcome.NEEDS_REVIEW;
    }

    /**
     * Names sharing a token start with the query. Keys shared by very many names ("al", "muh", "abd")
     * select nothing on their own: when the query has a rarer token, its postings decide; when every
     * token is common, a name must share two of them.
     */
    private int[] candidates(String[] query) {
        List<int[]> selective = new ArrayList<>();
        List<int[]> common = new ArrayList<>();
        for (String token : query) {
            int[] posting = postings.get(key(token));
            if (posting != null) {
                (posting.length <= commonKeyLimit ? selective : common).add(posting);
            }
        }
        int required = selective.isEmpty() ? Math.min(2, common.size()) : 1;
        List<int[]> used = selective.isEmpty() ? common : selective;
        byte[] hits = new byte[names.length];
        int count = 0;
        int[] found = new int[64];
        for (int[] posting : used) {
            for (int id : posting) {
                if (++hits[id] == required) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = id;
                }
            }
        }
        return Arrays.copyOf(found, count);
    }

    private static String key(String token) {
        return token.length() <= KEY_LENGTH ? token : token.substring(0, KEY_LENGTH);
    }

    /**
     * What screening found.
     *
     * @param matches the matches, best first
     * @param outcome FAILED for a hit, NEEDS_REVIEW for a near-match, else PASSED
     */
    public record ScreeningResult(List<ScreeningMatch> matches, CheckOutcome outcome) {
    }
}
