package dev.pdvault.projections;

import java.util.List;

/**
 * A read model that can be dropped and rebuilt by replay. {@link #tables()} lists its tables with the
 * ordering that makes their content comparable, for the digest that proves a rebuild equals the live one.
 */
public interface Projection {

    /** The processing group its handlers belong to. */
    String name();

    /** Its tables, each with a deterministic {@code ORDER BY} clause over its natural key. */
    List<Table> tables();

    /**
     * The secondary indexes (not primary keys or unique ones, always kept) that its handlers find rows by. A
     * rebuild keeps these while it replays; the others it drops and builds once after the last event.
     */
    default List<String> lookupIndexes() {
        return List.of();
    }

    record Table(String name, String orderBy) {
    }
}
