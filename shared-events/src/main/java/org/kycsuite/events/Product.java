package org.kycsuite.events;

/** The account product applied for and its currency. */
public record Product(Type type, String currency) {

    public Product {
        IsoCodes.requireCurrency(currency);
    }

    /** Products the bank offers. */
    public enum Type { CURRENT_ACCOUNT, SAVINGS_ACCOUNT, BUSINESS_ACCOUNT, PREMIUM_ACCOUNT }
}
