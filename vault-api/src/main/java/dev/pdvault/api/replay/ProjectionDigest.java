package dev.pdvault.api.replay;

import dev.pdvault.projections.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 over every row of every projection table, in each table's natural order. Two databases whose
 * projections have the same digest hold the same read models: how a replay is shown to equal the live state.
 */
@Component
public class ProjectionDigest {

    private final JdbcTemplate jdbc;
    private final List<Projection> projections;

    public ProjectionDigest(JdbcTemplate jdbc, List<Projection> projections) {
        this.jdbc = jdbc;
        this.projections = projections;
    }

    /** Table name to hex digest, plus {@code "all"} over all of them. */
    public Map<String, String> digests() {
        return digests(jdbc, projections);
    }

    /** The same digests over the projection tables of another database (say, a replay into a fresh one). */
    public static Map<String, String> digests(JdbcTemplate jdbc, List<Projection> projections) {
        Map<String, String> out = new LinkedHashMap<>();
        MessageDigest all = sha256();
        projections.stream().flatMap(p -> p.tables().stream())
                .sorted(java.util.Comparator.comparing(Projection.Table::name))
                .forEach(table -> {
                    MessageDigest md = sha256();
                    jdbc.query("SELECT t::text FROM " + table.name() + " t ORDER BY " + table.orderBy(), rs -> {
                        byte[] row = rs.getString(1).getBytes(StandardCharsets.UTF_8);
                        md.update(row);
                        md.update((byte) '\n');
                    });
                    byte[] digest = md.digest();
                    all.update(table.name().getBytes(StandardCharsets.UTF_8));
                    all.update(digest);
                    out.put(table.name(), HexFormat.of().formatHex(digest));
                });
        out.put("all", HexFormat.of().formatHex(all.digest()));
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
