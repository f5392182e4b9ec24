package org.kycsuite.accounts.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;
import org.kycsuite.accounts.account.Account;
import org.kycsuite.accounts.account.AccountOpening;
import org.kycsuite.accounts.application.Application;
import org.kycsuite.accounts.application.ApplicationStatus;
import org.kycsuite.accounts.outbox.Outbox;
import org.kycsuite.events.AccountOpened;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.NewAccountApproved;
import org.kycsuite.events.NewAccountRejected;
import org.kycsuite.events.Product;

/**
 * Applies a KYC outcome to its application, exactly once per event id: approved opens the account
 * and announces it through the outbox, rejected records the reasons. The processed-event row, the
 * application change and the outbox row commit together, so a redelivery either finds the row
 * (and changes nothing) or finds nothing done.
 */
@ApplicationScoped
public class KycOutcomes {

    private static final Logger LOG = Logger.getLogger(KycOutcomes.class);

    private final AccountOpening accounts;
    private final Outbox outbox;
    private final Clock clock;

    public KycOutcomes(AccountOpening accounts, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What handling an outcome did. */
    public enum Effect { OPENED, REJECTED, DUPLICATE, ALREADY_DECIDED }

    @Transactional
    public Effect apply(String eventId, EventDetail outcome) {
        if (ProcessedEvent.findById(eventId) != null) {
            LOG.infof("Event %s for application %s already handled; ignoring the redelivery", eventId,
                    outcome.applicationId());
            return Effect.DUPLICATE;
        }
        Application application = Application.findById(outcome.applicationId());
        if (QuarkusTransaction.isRollbackOnly()) {
            // A lookup failed (the database away) and Hibernate marked the transaction: its null proves
            // nothing, and the outcome must wait, not be taken for one about an unknown application.
            throw new IllegalStateException("The database did not answer; outcome event " + eventId + " waits");
        }
        if (application == null) {
            throw new PoisonMessageException("Outcome event " + eventId + " is for unknown application "
                    + outcome.applicationId());
        }
        // The database keeps microseconds: so does every timestamp shown, first time and replayed.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Effect effect;
        if (application.status != ApplicationStatus.SUBMITTED) {
            LOG.warnf("Application %s is already %s; outcome event %s changes nothing", application.id,
                    application.status, eventId);
            effect = Effect.ALREADY_DECIDED;
        } else if (outcome instanceof NewAccountApproved) {
            open(application, now);
            effect = Effect.OPENED;
        } else if (outcome instanceof NewAccountRejected rejected) {
            application.reject(reasons(rejected), now);
            LOG.infof("Application %s rejected: %d reason(s)", application.id, rejected.reasons().size());
            effect = Effect.REJECTED;
        } else {
            throw new PoisonMessageException("Event " + eventId + " is not a KYC outcome");
        }
        record(eventId, outcome, now);
        return effect;
    }

    private void open(Application application, Instant now) {
        application.approve(now);
        LOG.infof("Application %s approved", application.id);
        String currency = currency(application);
        Account account = accounts.open(application.id, currency, now);
        application.open(account.iban, now);
        outbox.append(new AccountOpened(application.id, EventDetail.CURRENT_SCHEMA_VERSION, account.iban, currency,
                now));
        LOG.infof("Application %s opened account %s", application.id, account.iban);
    }

    private static String currency(Application application) {
        try {
            Product product = EventContracts.mapper().treeToValue(
                    EventContracts.mapper().readTree(application.requestJson).get("product"), Product.class);
            return product.currency();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored request of application " + application.id + " is unreadable", e);
        }
    }

    private static String reasons(NewAccountRejected rejected) {
        try {
            return EventContracts.mapper().writeValueAsString(rejected.reasons());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void record(String eventId, EventDetail outcome, Instant now) {
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = eventId;
        processed.detailType = EventContract.forDetail(outcome).detailType();
        processed.applicationId = outcome.applicationId();
        processed.processedAt = now;
        processed.persist();
    }
}
