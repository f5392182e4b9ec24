package org.kycsuite.accounts.account;

/** Forms the IBAN of the n-th account from the configured country, bank and branch codes. */
public final class AccountNumbers {

    private final String country;
    private final String bankAndBranch;
    private final int serialDigits;

    public AccountNumbers(String country, String bankCode, String branchCode, int serialDigits) {
        this.country = country;
        this.bankAndBranch = bankCode + branchCode;
        this.serialDigits = serialDigits;
    }

    public static AccountNumbers from(AccountNumberConfig config) {
        return new AccountNumbers(config.country(), config.bankCode(), config.branchCode(), config.serialDigits());
    }

    /** The IBAN for account serial {@code serial} (1, 2, ...). */
    public String iban(long serial) {
        String digits = Long.toString(serial);
        if (serial < 1 || digits.length() > serialDigits) {
            throw new IllegalArgumentException("Account serial " + serial + " does not fit " + serialDigits
                    + " digits");
        }
        return Iban.of(country, bankAndBranch + "0".repeat(serialDigits - digits.length()) + digits);
    }
}
