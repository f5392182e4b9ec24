package org.kycsuite.kyc.screening;

import java.util.List;

/**
 * Reports the time to screen one name against the full lists (run it, it is not a test):
 * {@code ./mvnw -o -q -pl kyc-service/checks exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.kycsuite.kyc.screening.ScreeningBenchmark}.
 */
public final class ScreeningBenchmark {

    private static final List<String> NAMES = List.of("Ada Lovelace", "Joaquin Guzman Loera", "Nicolas Maduro",
            "Mohammed Al Rashid", "Frank Kakolele Bwambale", "Maria Garcia Lopez", "John Smith", "Abdul Rahman Khan",
            "Wei Zhang", "Olga Ivanova");
    private static final int WARMUP = 20_000;
    private static final int MEASURED = 50_000;

    private ScreeningBenchmark() {
    }

    public static void main(String[] args) {
        long loadStart = System.nanoTime();
        SanctionsScreening screening = new SanctionsScreening(SanctionsLists.load(SanctionsLists.DEFAULT_LOCATION),
                ScreeningSettings.DEFAULTS);
        System.out.printf("Loaded and indexed %d listed names in %d ms%n", screening.size(),
                (System.nanoTime() - loadStart) / 1_000_000);
        int sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += screening.screen(NAMES.get(i % NAMES.size())).matches().size();
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            sink += screening.screen(NAMES.get(i % NAMES.size())).matches().size();
        }
        double micros = (System.nanoTime() - start) / 1000.0 / MEASURED;
        System.out.printf("Screened %d names: %.1f µs per name (mean, single thread; %d matches)%n", MEASURED, micros,
                sink);
        for (String name : NAMES) {
            long one = System.nanoTime();
            int matches = screening.screen(name).matches().size();
            System.out.printf("  %-26s %6.1f µs, %d matches%n", name, (System.nanoTime() - one) / 1000.0, matches);
        }
    }
}
