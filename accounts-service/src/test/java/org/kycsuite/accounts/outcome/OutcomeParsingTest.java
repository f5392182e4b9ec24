package org.kycsuite.accounts.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.NewAccountApproved;
import org.kycsuite.events.NewAccountRejected;
import org.kycsuite.events.SampleEvents;

/** Which messages the outcome consumer accepts, and that a refusal never repeats the body. */
class OutcomeParsingTest {

    @Test
    void readsTheSharedSampleOutcomes() {
        OutcomeConsumer.Outcome approved = OutcomeConsumer.parse(SampleEvents.json(EventContract.NEW_ACCOUNT_APPROVED));
        assertThat(approved.eventId()).isEqualTo("d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70");
        assertThat(approved.detail()).isInstanceOf(NewAccountApproved.class);
        assertThat(OutcomeConsumer.parse(SampleEvents.json(EventContract.NEW_ACCOUNT_REJECTED)).detail())
                .isInstanceOf(NewAccountRejected.class);
    }

    @Test
    void refusesWhatIsNotAnOutcomeWithoutQuotingIt() {
        String requested = SampleEvents.json(EventContract.NEW_ACCOUNT_REQUESTED);
        assertThatThrownBy(() -> OutcomeConsumer.parse(requested)).isInstanceOf(PoisonMessageException.class)
                .hasMessageNotContaining("123456789").hasMessageNotContaining("Lovelace");
        assertThatThrownBy(() -> OutcomeConsumer.parse("not json 123456789"))
                .isInstanceOf(PoisonMessageException.class).hasMessageNotContaining("123456789");
        assertThatThrownBy(() -> OutcomeConsumer.parse("[]")).isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void refusesAnOutcomeThatBreaksItsContract() {
        ObjectNode event = (ObjectNode) SampleEvents.tree(EventContract.NEW_ACCOUNT_REJECTED);
        ((ObjectNode) event.get("detail")).remove("reasons");
        assertThatThrownBy(() -> OutcomeConsumer.parse(event.toString())).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("/reasons");
    }
}
