package org.kycsuite.accounts.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Opens the account of an approved application inside the caller's transaction. The serial is drawn
 * from the database sequence before the row is built, because the IBAN (derived from it) is part of
 * the insert; the dialect spells the sequence call, so H2 and PostgreSQL both work.
 */
@ApplicationScoped
public class AccountOpening {

    private static final String SEQUENCE = "account_serial";

    private final AccountNumbers numbers;
    private final EntityManager em;

    public AccountOpening(AccountNumberConfig config, EntityManager em) {
        this.numbers = AccountNumbers.from(config);
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Account open(UUID applicationId, String currency, Instant at) {
        Account account = new Account();
        account.serial = nextSerial();
        account.iban = numbers.iban(account.serial);
        account.applicationId = applicationId;
        account.currency = currency;
        account.openedAt = at;
        account.persist();
        return account;
    }

    private long nextSerial() {
        String sql = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect().getSequenceSupport().getSequenceNextValString(SEQUENCE);
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
