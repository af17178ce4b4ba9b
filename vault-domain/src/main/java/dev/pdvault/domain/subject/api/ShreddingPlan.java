package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.KeyClass;

import java.util.List;

/** What may be shredded now, what is retained and until when, and the holds that block shredding. */
public record ShreddingPlan(List<KeyClass> due, List<RetainedData> retained, List<HoldId> holds) {

    public ShreddingPlan {
        due = List.copyOf(due);
        retained = List.copyOf(retained);
        holds = List.copyOf(holds);
    }

    public static ShreddingPlan shred(List<KeyClass> due, List<RetainedData> retained) {
        return new ShreddingPlan(due, retained, List.of());
    }

    public static ShreddingPlan heldBy(List<HoldId> holds, List<RetainedData> retained) {
        return new ShreddingPlan(List.of(), retained, holds);
    }

    public boolean held() {
        return !holds.isEmpty();
    }
}
