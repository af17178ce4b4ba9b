package dev.pdvault.client;

/** A recorded consent: its scope and the policy version it is bound to. */
public record ConsentGranted(String purpose, String category, int policyVersion) {
}
