package dev.pdvault.api;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Searches every table of the test schema, row by row as text, for planted plaintext: as it is, as the hex
 * PostgreSQL shows for bytea (how JSON payloads are stored), and as base64.
 */
public final class PlaintextScanner {

    private PlaintextScanner() {
    }

    public static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_type = 'BASE TABLE' ORDER BY table_name", String.class, TestDatabase.SCHEMA);
    }

    /** Where each value was found, as {@code table: value}; empty when nothing leaked. */
    public static List<String> findIn(JdbcTemplate jdbc, List<String> values) {
        List<String> found = new ArrayList<>();
        for (String table : tables(jdbc)) {
            List<String> rows = jdbc.queryForList("SELECT t::text FROM " + TestDatabase.SCHEMA + "." + table + " t",
                    String.class);
            for (String value : values) {
                for (String form : forms(value)) {
                    if (rows.stream().anyMatch(r -> r.toLowerCase().contains(form.toLowerCase()))) {
                        found.add(table + ": " + value);
                    }
                }
            }
        }
        return found;
    }

    public static List<String> forms(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return List.of(value, HexFormat.of().formatHex(utf8), Base64.getEncoder().encodeToString(utf8));
    }

    public static List<String> findInText(String text, List<String> values) {
        List<String> found = new ArrayList<>();
        for (String value : values) {
            for (String form : forms(value)) {
                if (text.toLowerCase().contains(form.toLowerCase())) {
                    found.add(value);
                }
            }
        }
        return found;
    }
}
