package org.kycsuite.customerservice.cases;

import java.text.Normalizer;
import java.util.Locale;

/** Folds names for search: lower case, accents removed, so "Zoë" finds "zoe" and "ZOE" finds "Zoë". */
public final class NameSearch {

    private NameSearch() {
    }

    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        // Letters that carry no combining mark in Unicode but are still "accented" to a searcher.
        return decomposed.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
                .replace("đ", "d").replace("Đ", "D").replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE")
                .replace("œ", "oe").replace("Œ", "OE").replace("ı", "i")
                .toLowerCase(Locale.ROOT).trim();
    }
}
