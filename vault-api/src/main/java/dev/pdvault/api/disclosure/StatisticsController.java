package dev.pdvault.api.disclosure;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.api.web.VaultProblem;
import dev.pdvault.domain.disclosure.api.AggregateGroup;
import dev.pdvault.domain.disclosure.api.GroupDimension;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregated statistics for an advertising client (Three (1) 5. (3)): group counts only, groups below the
 * catalogue's minimum suppressed; never an id, a token or a value.
 */
@RestController
public class StatisticsController {

    private final StatisticsService statistics;

    public StatisticsController(StatisticsService statistics) {
        this.statistics = statistics;
    }

    /** @param groupBy one or both of {@code region} and {@code age_band} */
    public record StatisticsRequest(@NotBlank @Size(max = 64) String recipient, @NotBlank @Size(max = 64) String purpose,
                                    @NotNull @Size(max = 2) List<@NotNull String> groupBy) {
    }

    /** Each group: its values of the dimensions asked for, and {@code subjects}, the number of subjects in it. */
    public record StatisticsResponse(String releaseId, String recipient, String purpose, List<String> groupBy,
                                     int minimumGroupSize, List<Map<String, Object>> groups, int groupsSuppressed) {
    }

    /** Identities granted {@code advertising} (DETOKENIZER) get them; any other admitted caller is refused, recorded. */
    @PostMapping("/v1/statistics")
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.DETOKENIZER, Role.PRIVACY_OFFICER})
    public StatisticsResponse release(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                      @Valid @RequestBody StatisticsRequest request) {
        if (request.groupBy().isEmpty()) {
            throw VaultProblem.of(HttpStatus.BAD_REQUEST, "invalid-group-by", "Invalid groupBy",
                    "Statistics are grouped by one or both of region and age_band.");
        }
        List<GroupDimension> groupBy = request.groupBy().stream().distinct().map(key -> GroupDimension.byKey(key)
                .orElseThrow(() -> VaultProblem.of(HttpStatus.BAD_REQUEST, "unknown-group-by", "Unknown groupBy",
                        "Statistics are grouped by one or both of region and age_band."))).toList();
        StatisticsService.Release release = statistics.release(identity, request.recipient(), request.purpose(),
                groupBy);
        List<Map<String, Object>> groups = release.outcome().released().stream().map(g -> group(groupBy, g)).toList();
        return new StatisticsResponse(release.releaseId().value(), request.recipient(), request.purpose(),
                groupBy.stream().map(GroupDimension::key).toList(), release.minimumGroup(), groups,
                release.outcome().suppressed());
    }

    private static Map<String, Object> group(List<GroupDimension> groupBy, AggregateGroup group) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) {
            out.put(groupBy.get(i).key(), group.values().get(i));
        }
        out.put("subjects", group.subjects());
        return out;
    }
}
