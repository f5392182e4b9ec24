package org.kycsuite.kyc.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kycsuite.events.IdentityDocument.Type;

/** ICAO 9303 check digits and the per-country document number formats. */
class Icao9303Test {

    @Test
    void computesTheCheckDigitOfTheIcaoSpecimenPassport() {
        assertThat(Icao9303.checkDigit("L898902C3")).isEqualTo(6);
        assertThat(Icao9303.checkDigit("520951<<<")).isZero();
        assertThat(Icao9303.isValid("L898902C36")).isTrue();
    }

    @Test
    void rejectsACheckDigitOffByOne() {
        assertThat(Icao9303.isValid("L898902C37")).isFalse();
        assertThat(Icao9303.isValid("L898902C35")).isFalse();
        assertThat(Icao9303.isValid("L898902C3X")).isFalse();
    }

    @Test
    void passportNumberWithItsMrzCheckDigitIsVerified() {
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "GB", "1234567897")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "GB", "1234567898"))
                .hasValueSatisfying(p -> assertThat(p).contains("check digit"));
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "DE", "C01X00T478")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "SD", "520951<<<0")).isEmpty();
    }

    @Test
    void passportNumberFormatDependsOnIssuingCountry() {
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "GB", "123456789")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "GB", "12345678A")).isPresent();
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "FR", "12AB34567")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "FR", "123456789")).isPresent();
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "DE", "A01X00T47")).isPresent();
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "BR", "FX12345")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.PASSPORT, "BR", "FX12")).isPresent();
    }

    @Test
    void nationalIdsCarryTheirOwnCheckCharacters() {
        assertThat(DocumentNumberFormats.problem(Type.NATIONAL_ID, "DE", "T220001293")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.NATIONAL_ID, "DE", "T220001294")).isPresent();
        assertThat(DocumentNumberFormats.problem(Type.NATIONAL_ID, "ES", "12345678Z")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.NATIONAL_ID, "ES", "12345678A")).isPresent();
    }

    @Test
    void britishDrivingLicenceAndResidencePermitFormats() {
        assertThat(DocumentNumberFormats.problem(Type.DRIVING_LICENCE, "GB", "MORGA657054SM9IJ")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.DRIVING_LICENCE, "GB", "MORGA657054")).isPresent();
        assertThat(DocumentNumberFormats.problem(Type.RESIDENCE_PERMIT, "GB", "ZU1234567")).isEmpty();
        assertThat(DocumentNumberFormats.problem(Type.RESIDENCE_PERMIT, "GB", "Z1234567")).isPresent();
    }
}
