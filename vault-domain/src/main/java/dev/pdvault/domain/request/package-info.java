/**
 * Data-subject requests (policy: V (I)-(6)): access and export, correction, deletion, consent withdrawal, account
 * cancellation and the explanation of an automated decision, each received, verified, then fulfilled or refused.
 */
package dev.pdvault.domain.request;
