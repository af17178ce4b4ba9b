package dev.pdvault.projections;

import java.util.List;

/**
 * How a rebuild writes a unit of work's rows: put on the unit of work's resources under {@link #RESOURCE} by the
 * replay, it takes a {@link BatchedWriter}'s inserts as bulk loads (PostgreSQL's {@code COPY}) instead of
 * multi-row {@code INSERT}s, and is told before any other statement writes to a table, so that a table loaded
 * without its indexes gets them back before a row of it is looked up. The live path never sees one.
 */
public interface BulkLoad {

    /** The key of the unit of work resource that holds the bulk load of a rebuild. */
    String RESOURCE = BulkLoad.class.getName();

    /** Appends {@code rows} to the insert's table, in their order; each row holds the insert's columns. */
    void insert(BatchedWriter.Insert insert, List<Object[]> rows);

    /** Called before a statement other than {@link #insert} writes to {@code table}. */
    void beforeWriting(String table);
}
