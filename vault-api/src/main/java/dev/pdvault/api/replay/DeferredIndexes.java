package dev.pdvault.api.replay;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;
import java.util.List;

/**
 * The secondary indexes of the projection tables that a rebuild builds once at its end instead of maintaining
 * them row by row while it replays (one sort of the finished table costs far less than an index insertion per
 * row). Primary keys, unique indexes and constraints stay: the handlers' upserts and lookups need them, as they
 * need the indexes named as kept. Dropped and created inside the rebuild's transaction, which holds the tables
 * exclusively, so a failed rebuild rolls back to the old indexes with the old rows.
 */
final class DeferredIndexes {

    /** Builds the deferred indexes in memory rather than in sorted runs on disk. */
    private static final String SORT_MEMORY = "256MB";

    private final JdbcTemplate jdbc;
    private final List<String> definitions;

    private DeferredIndexes(JdbcTemplate jdbc, List<String> definitions) {
        this.jdbc = jdbc;
        this.definitions = definitions;
    }

    /** Drops the secondary indexes of {@code tables} except {@code kept}; remembers their exact definitions. */
    static DeferredIndexes drop(JdbcTemplate jdbc, Collection<String> tables, Collection<String> kept) {
        List<Index> indexes = jdbc.query("""
                        SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
                        FROM pg_index x
                        WHERE x.indrelid IN (SELECT to_regclass(t) FROM unnest(string_to_array(?, ',')) t)
                          AND NOT x.indisunique AND NOT x.indisprimary
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                          AND (SELECT relname FROM pg_class WHERE oid = x.indexrelid) <> ALL(string_to_array(?, ','))
                        ORDER BY 1""",
                (rs, i) -> new Index(rs.getString("name"), rs.getString("definition")),
                String.join(",", tables), String.join(",", kept));
        indexes.forEach(index -> jdbc.execute("DROP INDEX " + index.name()));
        return new DeferredIndexes(jdbc, indexes.stream().map(Index::definition).toList());
    }

    /** Creates the dropped indexes again, as they were defined, over the rebuilt tables. */
    void recreate() {
        if (definitions.isEmpty()) {
            return;
        }
        jdbc.execute("SET LOCAL maintenance_work_mem = '" + SORT_MEMORY + "'");
        definitions.forEach(jdbc::execute);
    }

    private record Index(String name, String definition) {
    }
}
