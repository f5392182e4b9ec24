package org.kycsuite.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventContractsTest {

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void rejectsAMissingApplicationId(EventContract contract) {
        List<ContractViolation> violations = validateChanged(contract, d -> d.remove("applicationId"));

        assertThat(violations).extracting(ContractViolation::pointer).contains("/applicationId");
    }

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void rejectsAnApplicationIdOfTheWrongType(EventContract contract) {
        List<ContractViolation> violations = validateChanged(contract, d -> d.put("applicationId", 42));

        assertThat(violations).extracting(ContractViolation::pointer).containsExactly("/applicationId");
    }

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void rejectsAnUnknownSchemaVersion(EventContract contract) {
        List<ContractViolation> violations = validateChanged(contract, d -> d.put("schemaVersion", 2));

        assertThat(violations).extracting(ContractViolation::pointer).containsExactly("/schemaVersion");
    }

    @ParameterizedTest
    @EnumSource(EventContract.class)
    void rejectsAFieldTheContractDoesNotDeclare(EventContract contract) {
        List<ContractViolation> violations = validateChanged(contract, d -> d.put("unexpected", "x"));

        assertThat(violations).hasSize(1);
    }

    @Test
    void rejectsABadCountryCode() {
        List<ContractViolation> violations = validateChanged(EventContract.NEW_ACCOUNT_REQUESTED,
                d -> ((ObjectNode) d.get("applicant")).put("nationality", "XX"));

        assertThat(violations).extracting(ContractViolation::pointer).containsExactly("/applicant/nationality");
    }

    @Test
    void rejectsALowerCaseCountryCode() {
        List<ContractViolation> violations = validateChanged(EventContract.NEW_ACCOUNT_REQUESTED,
                d -> ((ObjectNode) d.get("applicant").get("address")).put("country", "gb"));

        assertThat(violations).extracting(ContractViolation::pointer).containsExactly("/applicant/address/country");
    }

    @Test
    void rejectsABadCurrencyCode() {
        List<ContractViolation> violations = validateChanged(EventContract.NEW_ACCOUNT_REQUESTED,
                d -> ((ObjectNode) d.get("initialDeposit")).put("currency", "ABC"));

        assertThat(violations).extracting(ContractViolation::pointer).containsExactly("/initialDeposit/currency");
    }

    @Test
    void rejectsABadCurrencyInAccountOpened() {
        List<ContractViolation> violations = validateChanged(EventContract.ACCOUNT_OPENED,
                d -> d.put("currency", "EURO"));

        assertThat(violations).extracting(ContractViolation::pointer).containsExactly("/currency");
    }

    @Test
    void reportsEveryViolationWithItsPointer() {
        List<ContractViolation> violations = validateChanged(EventContract.NEW_ACCOUNT_REQUESTED, d -> {
            ((ObjectNode) d.get("applicant")).put("email", "not-an-email");
            ((ObjectNode) d.get("applicant")).remove("dateOfBirth");
            ((ObjectNode) d.get("product")).put("type", "LOTTERY_TICKET");
        });

        assertThat(violations).extracting(ContractViolation::pointer)
                .contains("/applicant/email", "/applicant/dateOfBirth", "/product/type");
    }

    @Test
    void unknownDetailTypeIsAViolationNotAnException() {
        assertThat(EventContracts.validate("Coffee brewed", "{}"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("unknown detail-type"));
    }

    @Test
    void producerCannotSerialiseADetailThatBreaksItsContract() {
        NewAccountRejected withoutReasons = new NewAccountRejected(UUID.randomUUID(), 1, List.of(), null, null, null,
                "automatic", Instant.now(), null);

        assertThatThrownBy(() -> EventContracts.toValidatedJson(withoutReasons))
                .isInstanceOf(ContractViolationException.class)
                .satisfies(e -> assertThat(((ContractViolationException) e).violations())
                        .extracting(ContractViolation::pointer).containsExactly("/reasons"));
    }

    @Test
    void producerSerialisesAValidDetail() {
        AccountOpened opened = new AccountOpened(UUID.randomUUID(), 1, "GB22KYCB60161331926819", "GBP",
                Instant.parse("2026-11-20T10:02:43Z"));

        assertThat(EventContracts.toValidatedJson(opened)).contains("\"accountNumber\":\"GB22KYCB60161331926819\"");
    }

    @Test
    void documentNumberIsMaskedInToString() {
        DocumentNumber number = DocumentNumber.of("123456789");
        IdentityDocument document = new IdentityDocument(IdentityDocument.Type.PASSPORT, number,
                CountryCode.of("GB"), java.time.LocalDate.of(2031, 5, 1));

        assertThat(number.toString()).isEqualTo("******789");
        assertThat(document.toString()).doesNotContain("123456789").contains("******789");
        assertThat(EventContracts.mapper().valueToTree(document).get("number").asText()).isEqualTo("123456789");
    }

    @Test
    void shortIdentifiersAreMaskedAlmostEntirely() {
        assertThat(DocumentNumber.mask("AB12")).isEqualTo("***2");
        assertThat(DocumentNumber.mask("AB")).isEqualTo("**");
    }

    @Test
    void taskTokenNeverAppearsInToString() {
        JsonNode detail = SampleEvents.tree(EventContract.MANUAL_REVIEW_REQUESTED).get("detail");
        ManualReviewRequested review = (ManualReviewRequested) EventContracts.readDetail(
                EventContract.MANUAL_REVIEW_REQUESTED, detail);

        assertThat(review.toString()).doesNotContain(review.taskToken());
    }

    @Test
    void valueTypesRejectInvalidCodes() {
        assertThatThrownBy(() -> CountryCode.of("UK")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1.00", "XXX")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(new BigDecimal("-1"), "EUR")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ContractViolation> validateChanged(EventContract contract, Consumer<ObjectNode> change) {
        ObjectNode detail = (ObjectNode) SampleEvents.tree(contract).get("detail").deepCopy();
        change.accept(detail);
        return EventContracts.validate(contract.detailType(), detail);
    }
}
