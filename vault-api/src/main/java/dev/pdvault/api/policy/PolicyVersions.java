package dev.pdvault.api.policy;

import dev.pdvault.api.security.Identity;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.publication.api.PolicyVersionAlreadyPublishedException;
import dev.pdvault.domain.publication.api.PublishPolicyVersion;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The published versions of the privacy policy, read from their projection. The first start publishes the
 * catalogue's version as version 1; later versions are published by a privacy officer, and a major one puts
 * the consents to the purposes it affects on hold.
 */
@Service
public class PolicyVersions {

    private static final Logger log = LoggerFactory.getLogger(PolicyVersions.class);

    public record Version(int number, String label, boolean major, Set<Purpose> affectedPurposes, String summary,
                          String publishedBy, Instant publishedAt) {
    }

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Catalogue catalogue;
    private final Clock clock;

    public PolicyVersions(JdbcTemplate jdbc, CommandGateway commands, Catalogue catalogue, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishTheCatalogueVersionOnFirstStart() {
        List<Version> versions = list();
        if (versions.isEmpty()) {
            try {
                commands.sendAndWait(new PublishPolicyVersion(PublishPolicyVersion.POLICY, catalogue.version(), false,
                        Set.of(), "the catalogue the vault first started with", new Caller("vault"), clock.instant()));
            } catch (PolicyVersionAlreadyPublishedException e) {
                log.debug("another node published the first policy version");
            }
        } else if (versions.stream().noneMatch(v -> v.label().equals(catalogue.version()))) {
            log.warn("The catalogue's version {} is not published: consents are bound to version {} ({}). Publish it"
                    + " with POST /v1/policy/versions.", catalogue.version(), versions.get(versions.size() - 1).number(),
                    versions.get(versions.size() - 1).label());
        }
    }

    public int publish(Identity identity, String label, boolean major, Set<Purpose> affected, String summary) {
        return commands.sendAndWait(new PublishPolicyVersion(PublishPolicyVersion.POLICY, label, major, affected,
                summary, identity.caller(), clock.instant()));
    }

    public List<Version> list() {
        return jdbc.query("SELECT number, label, major, affected_purposes, summary, published_by, published_at"
                + " FROM policy_version ORDER BY number", (rs, i) -> new Version(rs.getInt(1), rs.getString(2),
                rs.getBoolean(3), purposes(rs.getArray(4)), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant()));
    }

    /** The current version and the major changes, as the access and collection decisions need them. */
    public PolicyChanges changes() {
        List<PolicyChanges.MajorChange> major = new ArrayList<>();
        int[] current = {0};
        jdbc.query("SELECT number, major, affected_purposes FROM policy_version ORDER BY number", rs -> {
            current[0] = rs.getInt(1);
            if (rs.getBoolean(2)) {
                major.add(new PolicyChanges.MajorChange(rs.getInt(1), purposes(rs.getArray(3))));
            }
        });
        return new PolicyChanges(current[0], major);
    }

    private static Set<Purpose> purposes(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).filter(s -> !s.isEmpty()).map(Purpose::new)
                .collect(Collectors.toSet());
    }
}
