package org.kycsuite.events;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** ISO 3166-1 alpha-2 countries and ISO 4217 currencies as the JDK knows them; the schemas carry the same lists. */
public final class IsoCodes {

    private static final Set<String> COUNTRIES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    private static final Set<String> CURRENCIES = currencies();

    private IsoCodes() {
    }

    public static Set<String> countries() {
        return COUNTRIES;
    }

    /** Currencies in use for money: the JDK's list without metals and funds that have no minor unit. */
    public static Set<String> currencyCodes() {
        return CURRENCIES;
    }

    public static String requireCountry(String code) {
        if (code == null || !COUNTRIES.contains(code)) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code: " + code);
        }
        return code;
    }

    public static String requireCurrency(String code) {
        if (code == null || !CURRENCIES.contains(code)) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + code);
        }
        return code;
    }

    private static Set<String> currencies() {
        Set<String> codes = new TreeSet<>();
        for (Currency currency : Currency.getAvailableCurrencies()) {
            if (currency.getDefaultFractionDigits() >= 0) {
                codes.add(currency.getCurrencyCode());
            }
        }
        return Set.copyOf(codes);
    }
}
