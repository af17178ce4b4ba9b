package dev.pdvault.domain.disclosure.api;

import java.util.List;

/** One released group of an aggregated statistic: its values of the release's dimensions, and how many subjects. */
public record AggregateGroup(List<String> values, int subjects) {

    public AggregateGroup {
        values = List.copyOf(values);
    }
}
