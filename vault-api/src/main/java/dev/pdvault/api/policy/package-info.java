/** Loads and validates the data catalogue, the privacy policy as a versioned file. */
package dev.pdvault.api.policy;
