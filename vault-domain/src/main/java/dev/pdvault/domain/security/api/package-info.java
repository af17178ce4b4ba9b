/** The messages of the security feature: denials of requests, their per-minute counts, volume anomalies, and the rule. */
package dev.pdvault.domain.security.api;
