package org.kycsuite.accounts.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IbanTest {

    @Test
    void computesTheCheckDigitsOfPublishedExamples() {
        assertThat(Iban.of("GB", "WEST12345698765432")).isEqualTo("GB82WEST12345698765432");
        assertThat(Iban.of("DE", "370400440532013000")).isEqualTo("DE89370400440532013000");
        assertThat(Iban.of("GB", "KYCB60161331926819")).isEqualTo("GB22KYCB60161331926819");
    }

    @Test
    void acceptsValidAndRefusesAlteredIbans() {
        assertThat(Iban.isValid("GB82WEST12345698765432")).isTrue();
        assertThat(Iban.isValid("GB82WEST12345698765433")).isFalse();
        assertThat(Iban.isValid("GB28WEST12345698765432")).isFalse();
        assertThat(Iban.isValid("gb82west12345698765432")).isFalse();
        assertThat(Iban.isValid(null)).isFalse();
    }

    @Test
    void formsAValidGbIbanFromBankCodeSortCodeAndSerial() {
        AccountNumbers numbers = new AccountNumbers("GB", "KYCB", "601613", 8);
        for (long serial : new long[] {1, 42, 31926819, 99999999}) {
            String iban = numbers.iban(serial);
            assertThat(iban).hasSize(22).startsWith("GB").contains("KYCB601613");
            assertThat(Iban.isValid(iban)).as(iban).isTrue();
        }
        assertThat(numbers.iban(31926819)).isEqualTo("GB22KYCB60161331926819");
        assertThat(numbers.iban(1)).endsWith("00000001");
    }

    @Test
    void refusesASerialThatDoesNotFit() {
        AccountNumbers numbers = new AccountNumbers("GB", "KYCB", "601613", 8);
        assertThatThrownBy(() -> numbers.iban(100_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> numbers.iban(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
