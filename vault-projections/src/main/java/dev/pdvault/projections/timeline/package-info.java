/** The subject timeline: every event that concerns a subject, as a redacted summary, for history and audit. */
package dev.pdvault.projections.timeline;
