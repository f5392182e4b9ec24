package org.kycsuite.kyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.kyc.support.Applications;

/**
 * A listed name typed so that it looks the same to a person but not to a naive comparison — full-width
 * letters, zero-width characters, Cyrillic look-alike letters, Cyrillic spelling — is still flagged;
 * ordinary names typed the same ways are not.
 */
class LookAlikeScreeningTest {

    private static final List<ListedName> LISTED = SanctionsLists.load(SanctionsLists.DEFAULT_LOCATION);
    private final SanctionsScreening screening = Applications.screening();

    @Test
    void fullWidthZeroWidthAndLookAlikeSpellingsOfListedNamesAreFlagged() {
        List<String> missed = new ArrayList<>();
        for (String name : sample()) {
            for (String variant : List.of(fullWidth(name), withZeroWidth(name), withCyrillicLookAlikes(name))) {
                if (screening.screen(variant).outcome() == CheckOutcome.PASSED) {
                    missed.add(name + " as " + variant);
                }
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void cyrillicSpellingOfAListedNameIsFlagged() {
        assertThat(NameNormalizer.normalize("Мадуро Морос, Николас")).isEqualTo("maduro moros nikolas");
        assertThat(screening.screen("Николас Мадуро Морос").outcome()).isNotEqualTo(CheckOutcome.PASSED);
        assertThat(screening.screen("Хоакин Гусман Лоэра").outcome()).isNotEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void listedNameWithCyrillicLookAlikesFailsExactly() {
        // "о" and "а" below are Cyrillic letters
        assertThat(screening.screen("Jo\u0430quin Guzm\u0430n L\u043eera").outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(screening.screen("\uff2a\uff4f\uff41\uff51\uff55\uff49\uff4e Guzman Loera").outcome())
                .isEqualTo(CheckOutcome.FAILED);
        assertThat(screening.screen("Joa\u200dquin Guz\u200bman Lo\u00adera").outcome()).isEqualTo(CheckOutcome.FAILED);
    }

    @Test
    void ordinaryNamesTypedTheSameWaysPass() {
        for (String name : List.of("Ada Lovelace", "Grace Hopper", "Alan Turing")) {
            assertThat(screening.screen(fullWidth(name)).outcome()).isEqualTo(CheckOutcome.PASSED);
            assertThat(screening.screen(withZeroWidth(name)).outcome()).isEqualTo(CheckOutcome.PASSED);
            assertThat(screening.screen(withCyrillicLookAlikes(name)).outcome()).isEqualTo(CheckOutcome.PASSED);
        }
        assertThat(NameNormalizer.normalize("Ада Лавлейс")).isEqualTo("ada lavlejs");
    }

    /** Every 25th listed individual or alias whose name is plain Latin, so the test stays quick. */
    private static List<String> sample() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < LISTED.size(); i += 25) {
            String name = LISTED.get(i).name();
            if (name.matches("[A-Za-z ,.'-]+") && name.replaceAll("[^A-Za-z]", "").length() >= 6) {
                names.add(name);
            }
        }
        assertThat(names).hasSizeGreaterThan(50);
        return names;
    }

    private static String fullWidth(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uff01') : c);
        }
        return out.toString();
    }

    private static String withZeroWidth(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            out.append(name.charAt(i));
            if (Character.isLetter(name.charAt(i)) && i % 2 == 0) {
                out.append(i % 4 == 0 ? '\u200d' : '\u200b');
            }
        }
        return out.toString();
    }

    private static String withCyrillicLookAlikes(String name) {
        return name.replace('a', '\u0430').replace('o', '\u043e').replace('e', '\u0435').replace('p', '\u0440')
                .replace('c', '\u0441').replace('A', '\u0410').replace('O', '\u041e').replace('E', '\u0415');
    }
}
