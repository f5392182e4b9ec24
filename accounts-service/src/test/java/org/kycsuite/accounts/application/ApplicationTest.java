package org.kycsuite.accounts.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status rules: SUBMITTED → APPROVED → OPENED, or SUBMITTED → REJECTED, nothing else. */
class ApplicationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T01:00:00Z");

    @Test
    void opensOnlyAfterApproval() {
        Application application = submitted();
        assertThatThrownBy(() -> application.open("GB22KYCB60161331926819", NOW))
                .isInstanceOf(IllegalStateException.class);
        application.approve(NOW);
        application.open("GB22KYCB60161331926819", NOW);
        assertThat(application.status).isEqualTo(ApplicationStatus.OPENED);
        assertThat(application.accountNumber).isEqualTo("GB22KYCB60161331926819");
        assertThat(application.status.isFinal()).isTrue();
    }

    @Test
    void aDecidedApplicationCannotBeDecidedAgain() {
        Application rejected = submitted();
        rejected.reject("[{\"code\":\"SANCTIONS_MATCH\",\"text\":\"hit\"}]", NOW);
        assertThat(rejected.status).isEqualTo(ApplicationStatus.REJECTED);
        assertThatThrownBy(() -> rejected.approve(NOW)).isInstanceOf(IllegalStateException.class);

        Application approved = submitted();
        approved.approve(NOW);
        assertThatThrownBy(() -> approved.reject("[]", NOW)).isInstanceOf(IllegalStateException.class);
    }

    private static Application submitted() {
        Application application = new Application();
        application.status = ApplicationStatus.SUBMITTED;
        return application;
    }
}
