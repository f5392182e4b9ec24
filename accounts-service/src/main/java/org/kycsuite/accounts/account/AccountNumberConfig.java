package org.kycsuite.accounts.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How account numbers are formed: {@code country} + check digits + {@code bankCode} + {@code branchCode} + serial. */
@ConfigMapping(prefix = "accounts.iban")
public interface AccountNumberConfig {

    /** ISO 3166-1 country of the IBAN. */
    @WithDefault("GB")
    String country();

    /** The bank identifier in the BBAN (for GB, four letters). */
    @WithDefault("KYCB")
    String bankCode();

    /** The branch identifier (for GB, the six-digit sort code). */
    @WithDefault("601613")
    String branchCode();

    /** Digits of the account serial, zero-padded (for GB, eight). */
    @WithDefault("8")
    int serialDigits();
}
