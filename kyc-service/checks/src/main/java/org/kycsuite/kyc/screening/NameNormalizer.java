package org.kycsuite.kyc.screening;

import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a name as written (any case, accents, punctuation, "LAST, First" or "First Last", any
 * script) into its comparable tokens. Word order is not kept: lists and applicants order names
 * differently, so the similarity compares tokens, not strings.
 *
 * <p>Screening must not be bypassed by how a name is typed: compatibility forms (full-width
 * letters, ligatures) are folded by NFKC; format characters (zero-width spaces and joiners, soft
 * hyphens) are dropped; a word that mixes Latin letters with look-alikes from another script
 * ("Jоaquin" with a Cyrillic "о") has those letters replaced by the Latin letter they imitate
 * (Unicode's confusable skeletons); and a word in another script is transliterated to Latin
 * (ICU's {@code Any-Latin; Latin-ASCII}), so "Мадуро" screens as "maduro".
 */
public final class NameNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern FORMAT = Pattern.compile("[\\p{Cf}\\u034F\\u115F\\u1160\\u3164\\uFFA0]+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}]+");
    private static final Pattern ASCII_LETTERS = Pattern.compile("[A-Za-z]+");
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();
    /** ICU transliterators are not safe for concurrent use; one per thread. */
    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

    private NameNormalizer() {
    }

    /** Lower-case ASCII tokens of {@code name}; apostrophes join ("Sa'ad" → "saad"). */
    public static List<String> tokens(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String visible = FORMAT.matcher(Normalizer.normalize(name, Normalizer.Form.NFKC)).replaceAll("");
        visible = visible.replace("'", "").replace("\u2019", "").replace("`", "");
        List<String> tokens = new ArrayList<>();
        for (String word : NOT_LETTER_OR_DIGIT.split(visible)) {
            String token = fold(word);
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

    /** One word to lower-case ASCII: look-alikes to the Latin letters they imitate, then transliterated. */
    static String fold(String word) {
        String latin = TO_LATIN.get().transliterate(mixesLatin(word) ? unmaskLookAlikes(word) : word);
        String bare = MARKS.matcher(Normalizer.normalize(latin, Normalizer.Form.NFD)).replaceAll("");
        return NOT_LETTER_OR_DIGIT.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static boolean mixesLatin(String word) {
        boolean latin = false;
        boolean other = false;
        for (int i = 0; i < word.length(); ) {
            int codePoint = word.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
            if (script == Character.UnicodeScript.LATIN) {
                latin = true;
            } else if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
                other = true;
            }
            i += Character.charCount(codePoint);
        }
        return latin && other;
    }

    private static String unmaskLookAlikes(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int codePoint = word.codePointAt(i);
            String letter = new String(Character.toChars(codePoint));
            if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN) {
                out.append(letter);
            } else {
                String skeleton = CONFUSABLES.getSkeleton(letter);
                out.append(ASCII_LETTERS.matcher(skeleton).matches() ? skeleton : letter);
            }
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }
}
