package org.kycsuite.kyc.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads the OFAC SDN (with aliases) and UN consolidated lists from a location: {@code classpath:<dir>}
 * or a filesystem directory, holding {@value #OFAC_SDN}, {@value #OFAC_ALT} and {@value #UN_LIST}.
 */
public final class SanctionsLists {

    public static final String DEFAULT_LOCATION = "classpath:sanctions";
    public static final String OFAC_SDN = "ofac-sdn.csv";
    public static final String OFAC_ALT = "ofac-alt.csv";
    public static final String UN_LIST = "un-consolidated.xml";
    public static final String OFAC_LIST_CODE = "OFAC_SDN";
    public static final String UN_LIST_CODE = "UN_CONSOLIDATED";

    private static final String CLASSPATH = "classpath:";

    private SanctionsLists() {
    }

    /** Every listed individual's names (primary and aliases) from both lists; the lists load in parallel. */
    public static List<ListedName> load(String location) {
        CompletableFuture<List<ListedName>> un = CompletableFuture.supplyAsync(() -> loadUn(location));
        List<ListedName> names = new ArrayList<>(loadOfac(location));
        try {
            names.addAll(un.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return names;
    }

    private static List<ListedName> loadOfac(String location) {
        List<ListedName> names = new ArrayList<>();
        Set<String> individuals = new HashSet<>();
        try (InputStream sdn = open(location, OFAC_SDN)) {
            for (List<String> row : OfacCsv.rows(reader(sdn))) {
                if (row.size() > 2 && "individual".equals(row.get(2))) {
                    individuals.add(row.get(0));
                    names.add(ListedName.of(OFAC_LIST_CODE, row.get(0), row.get(1), false));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + OFAC_SDN + " from " + location, e);
        }
        try (InputStream alt = open(location, OFAC_ALT)) {
            for (List<String> row : OfacCsv.rows(reader(alt))) {
                if (row.size() > 3 && individuals.contains(row.get(0)) && row.get(3) != null) {
                    names.add(ListedName.of(OFAC_LIST_CODE, row.get(0), row.get(3), true));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + OFAC_ALT + " from " + location, e);
        }
        return names;
    }

    private static List<ListedName> loadUn(String location) {
        try (InputStream un = open(location, UN_LIST)) {
            return UnConsolidatedXml.individuals(un, UN_LIST_CODE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + UN_LIST + " from " + location, e);
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static InputStream open(String location, String file) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "") + "/" + file;
            InputStream in = SanctionsLists.class.getClassLoader().getResourceAsStream(resource);
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (in == null && context != null) {
                in = context.getResourceAsStream(resource);
            }
            if (in == null) {
                throw new IOException("No classpath resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location).resolve(file));
    }
}
