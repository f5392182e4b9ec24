package org.kycsuite.kyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.ScreeningMatch;
import org.kycsuite.kyc.screening.SanctionsScreening.ScreeningResult;
import org.kycsuite.kyc.support.Applications;

/** Screening against the real OFAC SDN and UN lists shipped in the module. */
class SanctionsScreeningTest {

    private final SanctionsScreening screening = Applications.screening();

    @Test
    void loadsIndividualsAndAliasesOfBothLists() {
        List<ListedName> names = SanctionsLists.load(SanctionsLists.DEFAULT_LOCATION);
        assertThat(names).anyMatch(n -> n.list().equals("OFAC_SDN") && n.name().equals("GUZMAN LOERA, Joaquin"));
        assertThat(names).anyMatch(n -> n.list().equals("OFAC_SDN") && n.alias() && n.name().equals("AREGON, Max"));
        assertThat(names).anyMatch(n -> n.list().equals("UN_CONSOLIDATED") && n.entryId().equals("CDi.002")
                && n.name().equals("FRANK KAKOLELE BWAMBALE"));
        assertThat(names).noneMatch(n -> n.name().equals("BANCO NACIONAL DE CUBA"));
    }

    @Test
    void failsListedNameWrittenWithAccentsInAnotherOrder() {
        ScreeningResult result = screening.screen("Joaquín Guzmán Loera");
        assertThat(result.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(result.matches().get(0)).isEqualTo(new ScreeningMatch("OFAC_SDN", "6861", "GUZMAN LOERA, Joaquin",
                1.0));
    }

    @Test
    void failsListedNameInLastCommaFirstForm() {
        assertThat(screening.screen("GUZMAN LOERA, Joaquin").outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(screening.screen("maduro moros, NICOLÁS").matches().get(0).entryId()).isEqualTo("22790");
    }

    @Test
    void failsAnAlias() {
        ScreeningResult result = screening.screen("Max Aregon");
        assertThat(result.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(result.matches().get(0).matchedName()).isEqualTo("AREGON, Max");
        assertThat(result.matches().get(0).entryId()).isEqualTo("6861");
    }

    @Test
    void failsUnConsolidatedListIndividual() {
        ScreeningResult result = screening.screen("Frank Kakolele Bwambale");
        assertThat(result.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(result.matches()).first().satisfies(m -> {
            assertThat(m.list()).isEqualTo("UN_CONSOLIDATED");
            assertThat(m.entryId()).isEqualTo("CDi.002");
        });
    }

    @Test
    void failsNearExactSpellingWithOneTypo() {
        ScreeningResult result = screening.screen("Joaquin Guzman Lorea");
        assertThat(result.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(result.matches().get(0).score()).isBetween(0.97, 0.999);
    }

    @Test
    void reviewsNameMissingOneListedSurname() {
        ScreeningResult result = screening.screen("Nicolas Maduro");
        assertThat(result.outcome()).isEqualTo(CheckOutcome.NEEDS_REVIEW);
        assertThat(result.matches()).anyMatch(m -> m.entryId().equals("22790"));
        assertThat(result.matches().get(0).score()).isBetween(0.88, 0.97);
    }

    @Test
    void passesUnlistedNames() {
        assertThat(screening.screen("Ada Lovelace").matches()).isEmpty();
        assertThat(screening.screen("Grace Hopper").outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(screening.screen("Alan Turing").outcome()).isEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void thresholdsAreConfigurable() {
        SanctionsScreening strict = new SanctionsScreening(
                SanctionsLists.load(SanctionsLists.DEFAULT_LOCATION), new ScreeningSettings(0.999, 0.95, 3));
        assertThat(strict.screen("Joaquin Guzman Lorea").outcome()).isEqualTo(CheckOutcome.NEEDS_REVIEW);
        assertThat(strict.screen("Nicolas Maduro").outcome()).isEqualTo(CheckOutcome.NEEDS_REVIEW);
        assertThat(strict.screen("Nicolas Maduro").matches()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void normalisesCaseAccentsPunctuationAndOrder() {
        assertThat(NameNormalizer.normalize("  MADURO MOROS, Nicolás ")).isEqualTo("maduro moros nicolas");
        assertThat(NameNormalizer.normalize("Sa'ad BIN-LADEN")).isEqualTo("saad bin laden");
        assertThat(NameNormalizer.normalize("Łukasz Größe-Øster")).isEqualTo("lukasz grosse oster");
        assertThat(NameSimilarity.score(new String[]{"ada", "lovelace"}, new String[]{"lovelace", "ada"}))
                .isEqualTo(1.0);
    }
}
