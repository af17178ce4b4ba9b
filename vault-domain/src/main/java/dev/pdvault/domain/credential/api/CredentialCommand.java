package dev.pdvault.domain.credential.api;

/** A command on one subject's credential aggregate; lets the command bus find the target without reflection. */
public interface CredentialCommand {

    CredentialId credentialId();
}
