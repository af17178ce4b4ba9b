package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.StatisticsOutcome;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reasons only transfers, public disclosures and statistics give are each reached by one of their tables. */
class DisclosureReasonsTest {

    @Test
    void everyDisclosureReasonIsReachedByATable() {
        Set<DenialReason> reached = Stream.of(
                        TransferTest.table().map(a -> ((DisclosureVerdict) a.get()[2]).denial()),
                        PublicDisclosureTest.table().map(a -> ((DisclosureVerdict) a.get()[2]).denial()),
                        StatisticsReleaseTest.table().map(a -> ((StatisticsOutcome) a.get()[5]).denial()))
                .flatMap(s -> s).flatMap(java.util.Optional::stream).collect(Collectors.toSet());

        assertThat(reached).containsAll(EnumSet.of(DenialReason.CALLER_MAY_NOT_DISCLOSE, DenialReason.UNKNOWN_SUBJECT,
                DenialReason.REFERENCE_REQUIRED, DenialReason.SUCCESSOR_NOT_BOUND_BY_POLICY,
                DenialReason.CATEGORY_NOT_DISCLOSABLE, DenialReason.NOT_AN_ADVERTISING_CLIENT,
                DenialReason.PURPOSE_NOT_FOR_STATISTICS));
    }
}
