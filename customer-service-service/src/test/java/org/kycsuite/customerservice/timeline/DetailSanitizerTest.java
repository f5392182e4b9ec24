package org.kycsuite.customerservice.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.ManualReviewRequested;
import org.kycsuite.events.SampleEvents;

class DetailSanitizerTest {

    @Test
    void dropsDocumentNumbersAndTaskTokensWhereverTheyAre() {
        ObjectNode requested = (ObjectNode) SampleEvents.tree(EventContract.NEW_ACCOUNT_REQUESTED).get("detail");
        ObjectNode review = (ObjectNode) SampleEvents.tree(EventContract.MANUAL_REVIEW_REQUESTED).get("detail");
        review.putObject("extra").put("taskToken", "nested-token").putObject("document").put("number", "X123");

        String cleanRequest = DetailSanitizer.sanitized(requested).toString();
        String cleanReview = DetailSanitizer.sanitized(review).toString();

        assertThat(cleanRequest).doesNotContain("123456789").contains("\"type\":\"PASSPORT\"");
        assertThat(cleanReview).doesNotContain("taskToken").doesNotContain("X123").contains("RISK_MEDIUM");
        assertThat(requested.toString()).contains("123456789");
        ManualReviewRequested read = (ManualReviewRequested) EventContracts.readDetail(
                EventContract.MANUAL_REVIEW_REQUESTED, DetailSanitizer.sanitized(review));
        assertThat(read.taskToken()).isNull();
        assertThat(read.riskScore()).isEqualTo(45);
    }

    @Test
    void contentHashIgnoresFieldOrderButNotContent() throws Exception {
        ObjectNode a = (ObjectNode) EventContracts.mapper().readTree("{\"a\":1,\"b\":{\"x\":\"y\",\"z\":[1,2]}}");
        ObjectNode b = (ObjectNode) EventContracts.mapper().readTree("{\"b\":{\"z\":[1,2],\"x\":\"y\"},\"a\":1}");
        ObjectNode c = (ObjectNode) EventContracts.mapper().readTree("{\"b\":{\"z\":[2,1],\"x\":\"y\"},\"a\":1}");

        assertThat(DetailSanitizer.contentHash("T", a)).isEqualTo(DetailSanitizer.contentHash("T", b))
                .isNotEqualTo(DetailSanitizer.contentHash("T", c))
                .isNotEqualTo(DetailSanitizer.contentHash("U", a));
    }
}
