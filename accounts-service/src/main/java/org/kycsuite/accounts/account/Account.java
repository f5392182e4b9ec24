package org.kycsuite.accounts.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An opened account; its serial comes from the {@code account_serial} sequence, so no two share an IBAN. */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    public Long serial;

    @Column(name = "application_id", nullable = false, unique = true)
    public UUID applicationId;

    @Column(nullable = false, unique = true)
    public String iban;

    @Column(nullable = false)
    public String currency;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
}
