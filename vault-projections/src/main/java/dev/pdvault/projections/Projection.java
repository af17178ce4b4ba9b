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
     * Its tables that a rebuild may load without their indexes and constraints, building them once after the last
     * event: every statement of its handlers that writes to one of them goes through {@link BatchedWriter#insert}
     * or {@link BatchedWriter#writeTo} (which gives the table its indexes back first), and none reads one.
     */
    default List<String> bulkLoadedTables() {
        return List.of();
    }

    record Table(String name, String orderBy) {
    }
}
