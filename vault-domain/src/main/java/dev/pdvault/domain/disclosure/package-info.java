/** Transfers to another holder, public disclosures and aggregated statistics for advertising clients (policy: Three). */
package dev.pdvault.domain.disclosure;
