package org.kycsuite.kyc.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** OFAC's legacy CSV: quoted fields, {@code -0-} for an empty one (returned as {@code null}). */
final class OfacCsv {

    private static final String EMPTY = "-0-";

    private OfacCsv() {
    }

    static List<List<String>> rows(BufferedReader reader) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        StringBuilder pending = null;
        String line;
        while ((line = reader.readLine()) != null) {
            String text = pending == null ? line : pending.append('\n').append(line).toString();
            if (quoteCount(text) % 2 != 0) {
                pending = new StringBuilder(text);
                continue;
            }
            pending = null;
            if (!text.isBlank()) {
                rows.add(fields(text));
            }
        }
        return rows;
    }

    private static int quoteCount(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                count++;
            }
        }
        return count;
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(value(field));
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(value(field));
        return fields;
    }

    private static String value(StringBuilder field) {
        String value = field.toString().strip();
        return value.isEmpty() || EMPTY.equals(value) ? null : value;
    }
}
