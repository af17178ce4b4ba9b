package dev.pdvault.domain.credential.command;

import dev.pdvault.domain.credential.api.CredentialId;
import dev.pdvault.domain.credential.api.PasswordSet;
import dev.pdvault.domain.credential.api.PasswordVerificationFailed;
import dev.pdvault.domain.credential.api.PasswordVerified;
import dev.pdvault.domain.credential.api.RecordPasswordVerification;
import dev.pdvault.domain.credential.api.SetPassword;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A subject's credential: its password's sealed hash, set and changed, and every verification of it. Kept
 * apart from {@code DataSubject} so that logins never contend on the subject's event stream. Its state holds
 * neither the password nor the hash: verification happens in the request, against the projection, and is
 * recorded here.
 *
 * <p>It exists from the first password set; a verification of a subject that never set one finds no
 * aggregate.
 */
public class Credential {

    @AggregateIdentifier
    private CredentialId credentialId;

    protected Credential() {
    }

    /** The first password creates the credential; every later one replaces it with another {@link PasswordSet}. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetPassword cmd) {
        apply(new PasswordSet(cmd.credentialId(), cmd.subjectId(), cmd.sealedHash(), cmd.caller(), cmd.at()));
    }

    /** @return whether the password matched, as recorded */
    @CommandHandler
    public boolean handle(RecordPasswordVerification cmd) {
        if (cmd.verified()) {
            apply(new PasswordVerified(credentialId, cmd.subjectId(), cmd.caller(), cmd.at()));
        } else {
            apply(new PasswordVerificationFailed(credentialId, cmd.subjectId(), cmd.caller(), cmd.at()));
        }
        return cmd.verified();
    }

    @EventSourcingHandler
    void on(PasswordSet event) {
        credentialId = event.credentialId();
    }
}
