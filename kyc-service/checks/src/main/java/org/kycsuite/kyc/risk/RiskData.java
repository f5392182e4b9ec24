package org.kycsuite.kyc.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The shipped risk data: FATF jurisdiction lists and higher-risk occupation keywords. */
public record RiskData(Set<String> highRiskCountries, Set<String> monitoredCountries, List<String> occupations) {

    /** Loads {@code risk/*.txt} from the classpath. */
    public static RiskData shipped() {
        return new RiskData(Set.copyOf(lines("risk/fatf-high-risk.txt")),
                Set.copyOf(lines("risk/fatf-increased-monitoring.txt")),
                lines("risk/high-risk-occupations.txt").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }

    /** The first keyword that starts a word of {@code occupation}, or {@code null}. */
    public String riskyOccupation(String occupation) {
        if (occupation == null) {
            return null;
        }
        String text = " " + occupation.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}]+", " ");
        return occupations.stream().filter(k -> text.contains(" " + k)).findFirst().orElse(null);
    }

    private static List<String> lines(String resource) {
        InputStream in = RiskData.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing risk data " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
