package org.kycsuite.kyc.screening;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Similarity of two token sets from 0 to 1, independent of word order.
 *
 * <p>Every token is paired with its most similar token on the other side (Jaro-Winkler), weighted by
 * length. Both sides count ({@value #QUERY_WEIGHT} each): a listed middle name the
 * applicant did not give lowers the score below an exact hit but keeps it in review range, while a
 * name that only shares a common first name stays far below.
 */
public final class NameSimilarity {

    static final double QUERY_WEIGHT = 0.5;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private NameSimilarity() {
    }

    public static double score(String[] query, String[] candidate) {
        if (query.length == 0 || candidate.length == 0) {
            return 0;
        }
        double forward = coverage(query, candidate);
        double backward = coverage(candidate, query);
        return QUERY_WEIGHT * forward + (1 - QUERY_WEIGHT) * backward;
    }

    /** Length-weighted mean, over {@code from}, of each token's best similarity in {@code to}. */
    private static double coverage(String[] from, String[] to) {
        double weighted = 0;
        int total = 0;
        for (String token : from) {
            double best = 0;
            for (String other : to) {
                double similarity = token.equals(other) ? 1 : JARO_WINKLER.apply(token, other);
                if (similarity > best) {
                    best = similarity;
                }
            }
            weighted += best * token.length();
            total += token.length();
        }
        return weighted / total;
    }
}
