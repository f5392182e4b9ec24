package org.kycsuite.kyc.screening;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a name as written (any case, accents, punctuation, "LAST, First" or "First Last") into its
 * comparable tokens. Word order is not kept: lists and applicants order names differently, so the
 * similarity compares tokens, not strings.
 */
public final class NameNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private NameNormalizer() {
    }

    /** Lower-case ASCII-folded tokens of {@code name}; apostrophes join ("Sa'ad" → "saad"). */
    public static List<String> tokens(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String folded = fold(name.toLowerCase(Locale.ROOT));
        folded = folded.replace("'", "").replace("\u2019", "").replace("`", "");
        List<String> tokens = new ArrayList<>();
        for (String token : NOT_LETTER_OR_DIGIT.split(folded)) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /** The tokens joined by single spaces, e.g. "MADURO MOROS, Nicolás" → "maduro moros nicolas". */
    public static String normalize(String name) {
        return String.join(" ", tokens(name));
    }

    /** Strips diacritics and folds the Latin letters NFD does not decompose. */
    static String fold(String lower) {
        String decomposed = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            switch (c) {
                case '\u00df' -> out.append("ss");
                case '\u00e6' -> out.append("ae");
                case '\u0153' -> out.append("oe");
                case '\u00f8' -> out.append('o');
                case '\u0142' -> out.append('l');
                case '\u0111', '\u00f0' -> out.append('d');
                case '\u0131' -> out.append('i');
                case '\u00fe' -> out.append("th");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
